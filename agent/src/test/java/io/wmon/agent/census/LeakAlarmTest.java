package io.wmon.agent.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak alarm's rules, census by census. */
class LeakAlarmTest {

    private final LeakAlarm alarm = new LeakAlarm(32);
    private final List<LeakEvent> events = new ArrayList<>();

    {
        alarm.addListener(new LeakListener() {
            @Override
            public void raised(LeakEvent event) {
                events.add(event);
            }

            @Override
            public void cleared(LeakEvent event) {
                events.add(event);
            }
        });
    }

    private void censuses(int... counts) {
        for (int count : counts) {
            alarm.observe(new SocketCount(count, Math.max(0, count - 1), List.of()), 1_000);
        }
    }

    @Test
    void moreThanTheThresholdRaisesAndAtTheThresholdClears() {
        censuses(5, 32);
        assertThat(alarm.raised()).isFalse();
        censuses(33);
        assertThat(alarm.raised()).isTrue();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).raised()).isTrue();
        assertThat(events.get(0).reason()).isEqualTo("33 Redis sockets, more than leakThreshold 32");
        assertThat(events.get(0).threshold()).isEqualTo(32);
        assertThat(events.get(0).sockets().appSockets()).isEqualTo(32);

        censuses(40, 33);
        assertThat(events).as("one event per raise, not per census").hasSize(1);
        censuses(32);
        assertThat(alarm.raised()).isFalse();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).raised()).isFalse();
        assertThat(events.get(1).reason()).isEqualTo("back to 32 Redis sockets");
    }

    @Test
    void aRiseAtEachOfFiveCensusesByEightOrMoreRaisesBelowTheThreshold() {
        censuses(2, 3, 5, 7, 9);
        assertThat(alarm.raised()).as("a rise of 7").isFalse();
        censuses(11);
        assertThat(alarm.raised()).as("3, 5, 7, 9, 11: a rise of 8").isTrue();
        assertThat(events.get(0).reason()).isEqualTo("Redis sockets rose at each of the last 5 censuses, from 3 to 11");
    }

    @Test
    void aPoolWarmingUpOneConnectionABeatRaisesNothing() {
        censuses(1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10, 10);
        assertThat(alarm.raised()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aCountThatStopsOnceIsNoRise() {
        censuses(1, 4, 8, 8, 12, 16, 20);
        assertThat(alarm.raised()).as("8, 8 breaks the run; 8..20 is only four censuses").isFalse();
        censuses(24);
        assertThat(alarm.raised()).isTrue();
    }

    @Test
    void anAlarmTheRiseRaisedClearsOnlyWhenTheRiseIsGivenBack() {
        censuses(3, 8, 13, 18, 23);
        assertThat(alarm.raised()).isTrue();
        censuses(23, 20, 11);
        assertThat(alarm.raised()).as("11 is still 8 above where the rise began (3)").isTrue();
        censuses(10);
        assertThat(alarm.raised()).isFalse();
        assertThat(events).extracting(LeakEvent::raised).containsExactly(true, false);
        assertThat(events.get(1).reason()).isEqualTo("back to 10 Redis sockets");
    }

    @Test
    void aCensusThatKnowsNothingChangesNothing() {
        censuses(40);
        alarm.observe(SocketCount.UNKNOWN, 2_000);
        alarm.observe(SocketCount.UNKNOWN, 3_000);
        assertThat(alarm.raised()).isTrue();
        assertThat(events).hasSize(1);
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromHearing() {
        LeakAlarm alone = new LeakAlarm(1);
        List<LeakEvent> heard = new ArrayList<>();
        alone.addListener(new LeakListener() {
            @Override
            public void raised(LeakEvent event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void cleared(LeakEvent event) {
                throw new IllegalStateException("listener bug");
            }
        });
        alone.addListener(new LeakListener() {
            @Override
            public void raised(LeakEvent event) {
                heard.add(event);
            }

            @Override
            public void cleared(LeakEvent event) {
                heard.add(event);
            }
        });
        try (LogLines log = LogLines.of(LeakAlarm.class)) {
            alone.observe(new SocketCount(2, 1, List.of()), 1);
            alone.observe(new SocketCount(1, 0, List.of()), 2);
            assertThat(heard).extracting(LeakEvent::raised).containsExactly(true, false);
            assertThat(log.lines()).hasSize(2).allMatch(l -> l.startsWith("WARNING wmon leak alarm: a listener failed"));
        }
    }

    @Test
    void theLogSaysOneWarningWhenRaisedAndOneInfoWhenCleared() {
        LeakAlarm logged = new LeakAlarm(2);
        logged.addListener(new LeakLog("w-7"));
        try (LogLines log = LogLines.of(LeakLog.class)) {
            logged.observe(new SocketCount(4, 3, List.of()), 1);
            logged.observe(new SocketCount(5, 4, List.of()), 2);
            logged.observe(new SocketCount(1, 0, List.of()), 3);
            assertThat(log.lines()).containsExactly(
                    "WARNING wmon connection-leak alarm raised for worker w-7: 4 Redis sockets, more than leakThreshold 2"
                            + " (3 of them the application's, 1 the agent's); see who holds them with wmon connections",
                    "INFO wmon connection-leak alarm cleared for worker w-7: back to 1 Redis sockets (0 the application's)");
        }
    }
}
