package io.capstan.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorsTest {
    record Case(String name, LabelSelector selector, Map<String, String> labels, boolean matches) {
    }

    private static LabelSelectorBuilder selector() {
        return new LabelSelectorBuilder();
    }

    static Stream<Case> cases() {
        var web = Map.of("app", "web", "tier", "front");
        return Stream.of(
                new Case("null selector matches nothing", null, web, false),
                new Case("empty selector matches everything", selector().build(), web, true),
                new Case("matchLabels subset", selector().withMatchLabels(Map.of("app", "web")).build(), web, true),
                new Case("matchLabels other value", selector().withMatchLabels(Map.of("app", "db")).build(), web, false),
                new Case("matchLabels on unlabelled pod", selector().withMatchLabels(Map.of("app", "web")).build(), null, false),
                new Case("In", selector().addNewMatchExpression().withKey("tier").withOperator("In")
                        .withValues("front", "back").endMatchExpression().build(), web, true),
                new Case("NotIn", selector().addNewMatchExpression().withKey("tier").withOperator("NotIn")
                        .withValues("front").endMatchExpression().build(), web, false),
                new Case("NotIn of a missing key", selector().addNewMatchExpression().withKey("zone").withOperator("NotIn")
                        .withValues("a").endMatchExpression().build(), web, true),
                new Case("Exists", selector().addNewMatchExpression().withKey("tier").withOperator("Exists")
                        .endMatchExpression().build(), web, true),
                new Case("DoesNotExist", selector().addNewMatchExpression().withKey("tier").withOperator("DoesNotExist")
                        .endMatchExpression().build(), web, false),
                new Case("labels and expressions must all hold", selector().withMatchLabels(Map.of("app", "web"))
                        .addNewMatchExpression().withKey("zone").withOperator("Exists").endMatchExpression().build(),
                        web, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(Case c) {
        assertThat(LabelSelectors.matches(c.selector(), c.labels())).isEqualTo(c.matches());
    }
}
