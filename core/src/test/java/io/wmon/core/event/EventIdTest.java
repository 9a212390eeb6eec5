package io.wmon.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** Stream ids: the forms {@code --since} accepts, and their order. */
class EventIdTest {

    @Test
    void parsesBothFormsAndOrdersAsRedisDoes() {
        assertThat(EventId.parse("1700000000000-7")).isEqualTo(EventId.of(1_700_000_000_000L, 7));
        assertThat(EventId.parse("1700000000000")).isEqualTo(EventId.of(1_700_000_000_000L, 0));
        assertThat(EventId.parse("0-0")).isEqualTo(EventId.ZERO);
        assertThat(EventId.of(5, 9)).isLessThan(EventId.of(6, 0)).isGreaterThan(EventId.of(5, 8));
        assertThat(EventId.of(5, 9).toString()).isEqualTo("5-9");
    }

    @Test
    void rejectsAnythingElseNamingTheForm() {
        for (String bad : new String[] {"", "-", "1-", "-1", "1-2-3", "a-1", "1.5", " 1-0", "+1",
            "99999999999999999999-0", "1-99999999999999999999", "now"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> EventId.parse(bad))
                    .withMessageEndingWith("is not a stream id: use " + EventId.FORM);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> EventId.parse(null));
    }
}
