package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources a pod asks for, in milli-cpu and bytes: the sum over its containers, or the largest init container
 * if that is more (init containers run one at a time before the others), as upstream's {@code computePodResourceRequest}.
 */
public record PodRequests(long milliCpu, long memory) {
    public static final PodRequests NONE = new PodRequests(0, 0);

    public static PodRequests of(Pod pod) {
        if (pod.getSpec() == null) {
            return NONE;
        }
        PodRequests sum = NONE;
        for (Container c : orEmpty(pod.getSpec().getContainers())) {
            sum = sum.plus(ofContainer(c));
        }
        for (Container c : orEmpty(pod.getSpec().getInitContainers())) {
            PodRequests init = ofContainer(c);
            sum = new PodRequests(Math.max(sum.milliCpu, init.milliCpu), Math.max(sum.memory, init.memory));
        }
        return sum;
    }

    public PodRequests plus(PodRequests other) {
        return new PodRequests(milliCpu + other.milliCpu, memory + other.memory);
    }

    /** Milli-cpu of a quantity such as {@code 500m} or {@code 2}. */
    public static long milliCpu(Quantity q) {
        return Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.CEILING)
                .longValue();
    }

    /** Bytes of a quantity such as {@code 128Mi}. */
    public static long bytes(Quantity q) {
        return Quantity.getAmountInBytes(q).setScale(0, java.math.RoundingMode.CEILING).longValue();
    }

    private static PodRequests ofContainer(Container c) {
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        if (requests == null) {
            return NONE;
        }
        return new PodRequests(Optional.ofNullable(requests.get("cpu")).map(PodRequests::milliCpu).orElse(0L),
                Optional.ofNullable(requests.get("memory")).map(PodRequests::bytes).orElse(0L));
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
