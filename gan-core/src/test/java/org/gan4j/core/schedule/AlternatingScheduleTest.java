package org.gan4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.core.config.TestComponents;
import org.junit.jupiter.api.Test;

class AlternatingScheduleTest {

    @Test
    void defaults() {
        AlternatingSchedule s = AlternatingSchedule.defaults();

        assertThat(s.discriminatorSteps()).isNull();
        assertThat(s.discriminatorSteps(0)).isEqualTo(1);
        assertThat(s.generatorSteps(7)).isEqualTo(1);
        assertThat(s.epochs()).isEqualTo(1);
        assertThat(s.iterations()).isZero();
        assertThat(s.batchSize()).isEqualTo(64);
    }

    @Test
    void iterationsReplaceTheDefaultEpoch() {
        assertThat(AlternatingSchedule.of(null, null, null, 500L, null).epochs()).isZero();
    }

    @Test
    void discriminatorStepsComeFromTheLossUnlessSet() {
        var critic = new TestComponents.TestCritic(null);
        var plain = new TestComponents.TestLoss();

        assertThat(AlternatingSchedule.defaults().withDefaultsFrom(critic).discriminatorSteps(3)).isEqualTo(5);
        assertThat(AlternatingSchedule.defaults().withDefaultsFrom(plain).discriminatorSteps()).isEqualTo(1);
        assertThat(AlternatingSchedule.of(2, null, null, null, null).withDefaultsFrom(critic).discriminatorSteps()).isEqualTo(2);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> AlternatingSchedule.of(null, null, null, null, 0))
                .hasMessage("batchSize must be positive, got 0");
        assertThatThrownBy(() -> AlternatingSchedule.of(0, null, null, null, null))
                .hasMessageStartingWith("discriminatorSteps must be positive");
        assertThatThrownBy(() -> AlternatingSchedule.of(null, -1, null, null, null))
                .hasMessageStartingWith("generatorSteps must be positive");
        assertThatThrownBy(() -> AlternatingSchedule.of(null, null, 0, null, null))
                .hasMessageStartingWith("epochs must be at least 1");
        assertThatThrownBy(() -> AlternatingSchedule.of(null, null, null, -3L, null))
                .hasMessageStartingWith("iterations must be 0 or more");
    }
}
