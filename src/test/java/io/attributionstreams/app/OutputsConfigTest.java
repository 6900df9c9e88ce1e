package io.attributionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.topology.Outputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code attribution.output.credits}: off unless asked, from its key or its variable; a value not a boolean is an error. */
class OutputsConfigTest {
    @Test
    void creditRowsAreOffUnlessAskedFor() {
        assertThat(AppConfig.load(null, Map.of(), Map.of()).outputs()).isEqualTo(Outputs.DEFAULT);
        assertThat(AppConfig.load(null, Map.of("ATTRIBUTION_OUTPUT_CREDITS", "true"), Map.of()).outputs().credits())
                .isTrue();
        assertThat(AppConfig.load(null, Map.of("ATTRIBUTION_OUTPUT_CREDITS", "true"),
                Map.of(AppConfig.OUTPUT_CREDITS, "FALSE")).outputs().credits()).isFalse();
    }

    @Test
    void aValueThatIsNotTrueOrFalseIsRefusedNotReadAsFalse() {
        assertThatThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.OUTPUT_CREDITS, "yes")).outputs())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribution.output.credits must be true or false, got 'yes'");
    }
}
