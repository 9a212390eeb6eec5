package io.wmon.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientInfoTest {

    private static final String REDIS_7 = "id=7 addr=127.0.0.1:50412 laddr=127.0.0.1:6400 fd=9 name=wmon:agent:default:w1 "
            + "age=3 idle=0 flags=P db=0 sub=2 psub=1 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 "
            + "rbs=1024 rbp=5 obl=0 oll=0 omem=0 tot-mem=1800 events=r cmd=psubscribe user=default redir=-1 "
            + "resp=2 lib-name=jedis lib-ver=8.0.2";

    @Test
    void readsTheNamedFieldsAndKeepsAllOthers() {
        ClientInfo client = ClientInfo.parse(REDIS_7);

        assertThat(client.id()).isEqualTo(7);
        assertThat(client.name()).isEqualTo("wmon:agent:default:w1");
        assertThat(client.addr()).isEqualTo("127.0.0.1:50412");
        assertThat(client.laddr()).isEqualTo("127.0.0.1:6400");
        assertThat(client.cmd()).isEqualTo("psubscribe");
        assertThat(client.sub()).isEqualTo(2);
        assertThat(client.psub()).isEqualTo(1);
        assertThat(client.fields()).containsEntry("lib-name", "jedis").containsEntry("flags", "P").hasSize(30);
    }

    @Test
    void toleratesAnEmptyNameAndMissingFields() {
        ClientInfo client = ClientInfo.parse("id=3 addr=127.0.0.1:1 fd=8 name= age=0 cmd=client|list\n");

        assertThat(client.name()).isEmpty();
        assertThat(client.laddr()).isEmpty();
        assertThat(client.sub()).isZero();
        assertThat(client.cmd()).isEqualTo("client|list");
    }

    @Test
    void parsesOneClientPerLine() {
        List<ClientInfo> clients = ClientInfo.parseList("id=1 name=a\r\nid=2 name=b\n\n");

        assertThat(clients).extracting(ClientInfo::id).containsExactly(1L, 2L);
    }
}
