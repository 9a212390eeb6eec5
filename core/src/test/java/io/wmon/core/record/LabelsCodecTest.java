package io.wmon.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsCodecTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void plainLabelsReadLikeANaiveSplit() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "payments");
        labels.put("zone", "eu-1");

        assertThat(LabelsCodec.encode(labels)).isEqualTo("team=payments;zone=eu-1");
        assertThat(LabelsCodec.decode("team=payments;zone=eu-1", problems::add)).isEqualTo(labels);
        assertThat(problems).isEmpty();
    }

    @Test
    void separatorsAndBackslashesRoundTrip() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a=b", "c;d");
        labels.put("back\\slash", "");
        labels.put(";", "=");

        String encoded = LabelsCodec.encode(labels);

        assertThat(encoded).isEqualTo("a\\=b=c\\;d;back\\\\slash=;\\;=\\=");
        assertThat(LabelsCodec.decode(encoded, problems::add)).containsExactlyEntriesOf(labels);
        assertThat(problems).isEmpty();
    }

    @Test
    void emptyTextAndEmptyEntriesAreNoLabels() {
        assertThat(LabelsCodec.encode(Map.of())).isEmpty();
        assertThat(LabelsCodec.decode("", problems::add)).isEmpty();
        assertThat(LabelsCodec.decode(null, problems::add)).isEmpty();
        assertThat(LabelsCodec.decode(";;a=1;", problems::add)).containsExactly(Map.entry("a", "1"));
        assertThat(problems).isEmpty();
    }

    @Test
    void theFirstUnescapedEqualsSplits() {
        assertThat(LabelsCodec.decode("url=a=b", problems::add)).containsExactly(Map.entry("url", "a=b"));
    }

    @Test
    void unreadableEntriesAreLeftOutAndReported() {
        Map<String, String> labels = LabelsCodec.decode("novalue;=nokey;a=1;a=2;tail=x\\", problems::add);

        assertThat(labels).containsExactly(Map.entry("a", "2"), Map.entry("tail", "x"));
        assertThat(problems).containsExactly(
                "labels: entry 'novalue' has no '=', ignored",
                "labels: entry with value 'nokey' has an empty key, ignored",
                "labels: key 'a' appears twice, the last one wins",
                "labels: a lone '\\' at the end was ignored");
    }
}
