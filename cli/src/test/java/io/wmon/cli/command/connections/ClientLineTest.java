package io.wmon.cli.command.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientLineTest {

    private static final String LINE = "id=7 addr=10.1.2.3:51234 laddr=10.1.2.9:6379 fd=9 name=wmon:agent:prod:w-1 "
            + "age=12 idle=3 flags=N db=2 sub=0 psub=1 ssub=0 multi=-1 qbuf=0 cmd=psubscribe user=default resp=2";

    @Test
    void readsTheFieldsItNeedsAndIgnoresTheRest() {
        ClientLine line = ClientLine.parse(LINE);

        assertThat(line).isEqualTo(new ClientLine(7, "wmon:agent:prod:w-1", "10.1.2.3:51234", 12, 3, 2, 0, 1, "N",
                "psubscribe"));
        assertThat(line.host()).isEqualTo("10.1.2.3");
        assertThat(line.port()).isEqualTo(51234);
        assertThat(line.subscribed()).isTrue();
    }

    @Test
    void toleratesMissingAndOddFieldsAndIpv6() {
        ClientLine line = ClientLine.parse("id=x addr=[::1]:40000 name= sub=");

        assertThat(line.id()).isEqualTo(-1);
        assertThat(line.name()).isEmpty();
        assertThat(line.host()).isEqualTo("[::1]");
        assertThat(line.port()).isEqualTo(40000);
        assertThat(line.subscribed()).isFalse();
        assertThat(ClientLine.parseList(LINE + "\n\n" + LINE + "\r\n")).hasSize(2);
        assertThat(ClientLine.parse("id=1 addr=1.2.3.4:5 flags=P sub=0 psub=0").subscribed()).as("flag P").isTrue();
        assertThat(ClientLine.parseList("")).isEqualTo(List.of());
    }
}
