package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class CommandStatsTest {

    @Test
    void leavesOutProbeAndSetUpCommandsOfRedis7() {
        String info = "# Commandstats\r\n"
                + "cmdstat_set:calls=3,usec=5,usec_per_call=1.67,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_client|setname:calls=4,usec=2,usec_per_call=0.50,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_client|list:calls=2,usec=9,usec_per_call=4.50,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_config|resetstat:calls=1,usec=9,usec_per_call=9.00,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_info:calls=7,usec=70,usec_per_call=10.00,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_ping:calls=9,usec=1,usec_per_call=0.11,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_hello:calls=1,usec=1,usec_per_call=1.00,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_xadd:calls=2,usec=8,usec_per_call=4.00,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_clients:calls=5,usec=8,usec_per_call=1.60,rejected_calls=0,failed_calls=0\r\n";

        assertThat(CommandStats.parse(info))
                .containsExactly(entry("clients", 5L), entry("set", 3L), entry("xadd", 2L));
    }

    @Test
    void leavesOutContainerCommandsOfRedis62() {
        String info = "# Commandstats\n"
                + "cmdstat_client:calls=6,usec=16,usec_per_call=2.67\n"
                + "cmdstat_config:calls=1,usec=16,usec_per_call=16.00\n"
                + "cmdstat_get:calls=1,usec=1,usec_per_call=1.00\n";

        assertThat(CommandStats.parse(info)).containsOnlyKeys("get");
    }

    @Test
    void emptyWhenNothingRan() {
        assertThat(CommandStats.parse("# Commandstats\r\n")).isEmpty();
    }
}
