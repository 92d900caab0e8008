package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.StorageHooks;
import io.capstan.apiserver.watch.CachedObject;
import io.capstan.apiserver.watch.WatchCache;
import java.util.Optional;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The token-mounting half of Kubernetes' ServiceAccount admission plugin, run on every new pod as
 * the pod registry's create hook (the pod strategy has already defaulted
 * {@code serviceAccountName} to {@code default}). Mirror pods are left alone. Unless the pod, or
 * failing that its ServiceAccount, sets {@code automountServiceAccountToken: false}, the pod gets
 * the {@link AccessVolume}; a pod without image pull secrets takes its account's.
 *
 * <p>Kubernetes refuses a pod whose ServiceAccount does not exist (403 "error looking up service
 * account"). Capstan admits it, treating the missing account as one that sets nothing, so that a
 * pod created the instant its namespace appears does not race the {@code default} account's
 * creation; its token request then fails on the node until the account exists.
 */
final class ServiceAccountAdmission implements StorageHooks {

  private static final String MIRROR = "kubernetes.io/config.mirror";
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final WatchCache cache;
  private final ResourceType serviceAccountType;
  private final RandomGenerator random;

  ServiceAccountAdmission(WatchCache cache, ResourceType serviceAccountType,
      RandomGenerator random) {
    this.cache = cache;
    this.serviceAccountType = serviceAccountType;
    this.random = random;
  }

  @Override
  public Transaction beginCreate(ObjectNode pod, boolean dryRun) {
    admit(pod);
    return Transaction.NONE;
  }

  void admit(ObjectNode pod) {
    if (Meta.annotations(pod).containsKey(MIRROR) || !pod.path("spec").isObject()) {
      return;
    }
    ObjectNode spec = (ObjectNode) pod.get("spec");
    String accountName = spec.path("serviceAccountName").asString("");
    if (accountName.isEmpty()) {
      accountName = "default";
      spec.put("serviceAccountName", accountName);
      spec.put("serviceAccount", accountName);
    }
    Optional<ObjectNode> account = cache.get(ObjectKeys.key(serviceAccountType,
        Meta.namespace(pod), accountName)).map(CachedObject::object);
    if (automount(spec, account)) {
      AccessVolume.mount(spec, this::volumeName);
    }
    account.ifPresent(a -> copyPullSecrets(spec, a));
  }

  /** The pod's preference wins, then the account's; the default is to mount. */
  private static boolean automount(ObjectNode spec, Optional<ObjectNode> account) {
    JsonNode podSetting = spec.path("automountServiceAccountToken");
    if (podSetting.isBoolean()) {
      return podSetting.booleanValue();
    }
    JsonNode accountSetting = account.map(a -> a.path("automountServiceAccountToken"))
        .orElse(podSetting);
    return !accountSetting.isBoolean() || accountSetting.booleanValue();
  }

  private static void copyPullSecrets(ObjectNode spec, ObjectNode account) {
    JsonNode secrets = account.path("imagePullSecrets");
    if (!spec.path("imagePullSecrets").isEmpty() || !secrets.isArray() || secrets.isEmpty()) {
      return;
    }
    spec.set("imagePullSecrets", secrets.deepCopy());
  }

  /** {@code names.SimpleNameGenerator}: the prefix and five characters of its alphabet. */
  private String volumeName() {
    StringBuilder name = new StringBuilder(AccessVolume.NAME_PREFIX);
    for (int i = 0; i < 5; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}
