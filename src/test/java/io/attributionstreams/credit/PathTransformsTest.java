package io.attributionstreams.credit;

import static io.attributionstreams.testsupport.Facts.day;
import static io.attributionstreams.testsupport.Facts.touch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.facts.Interaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The path transforms of docs/contract.md §13, each on a path written as its channels. */
class PathTransformsTest {

    /** {@code "a b a"}: touchpoints I0, I1, I2 on those channels, a day apart. */
    private static List<Interaction> path(String channels) {
        List<Interaction> path = new ArrayList<>();
        String[] names = channels.split(" ");
        for (int i = 0; i < names.length; i++) {
            path.add(touch("I" + i, day(i), names[i]));
        }
        return path;
    }

    /** What remains, as {@code channel:index} words, so a test sees which touchpoint of a run was kept. */
    private static String kept(String transforms, String channels) {
        List<String> words = new ArrayList<>();
        for (Interaction t : PathTransforms.parse(transforms).apply(path(channels))) {
            words.add(t.channel() + ":" + t.interactionId().substring(1));
        }
        return String.join(" ", words);
    }

    @ParameterizedTest(name = "{0} on [{1}]")
    @CsvSource(delimiter = ';', value = {
        "exposure; a a b b a c c; a:0 b:2 a:4 c:5",
        "first; a a b b a c c; a:0 b:2 c:5",
        "remove_if_not_all:tv; tv a tv b; a:1 b:3",
        "remove_if_not_all:tv; tv tv; tv:0 tv:1",
        "remove_if_last_and_not_all:tv; a tv b tv tv; a:0 tv:1 b:2",
        "remove_if_last_and_not_all:tv; tv tv; tv:0 tv:1",
        "remove_if_last_and_not_all:tv; a b; a:0 b:1",
        "exposure,remove_if_not_all:tv; tv tv a a tv; a:2",
        "remove_if_not_all:tv,exposure; a tv a b; a:0 b:3",
        "'' ; a a b; a:0 a:1 b:2",
        "remove_if_not_all:TV; tv a; tv:0 a:1",
    })
    void transformsApplyInOrder(String transforms, String channels, String expected) {
        assertThat(kept(transforms, channels)).isEqualTo(expected);
    }

    @Test
    void unknownOrIncompleteTransformsAreClearErrors() {
        assertThatThrownBy(() -> PathTransforms.parse("exposure,unique")).hasMessageContaining("unknown path transform 'unique'");
        assertThatThrownBy(() -> PathTransforms.parse("remove_if_not_all")).hasMessageContaining("needs a channel");
        assertThatThrownBy(() -> PathTransforms.parse("remove_if_not_all:")).hasMessageContaining("needs a channel");
        assertThatThrownBy(() -> PathTransforms.parse("first:tv")).hasMessageContaining("takes no channel");
    }

    @Test
    void writtenBackAsParsed() {
        assertThat(PathTransforms.parse(" exposure , remove_if_last_and_not_all:direct mail ").toString())
                .isEqualTo("exposure,remove_if_last_and_not_all:direct mail");
        assertThat(PathTransforms.parse("").isEmpty()).isTrue();
    }
}
