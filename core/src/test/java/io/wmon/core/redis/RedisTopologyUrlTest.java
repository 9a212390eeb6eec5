package io.wmon.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisTopologyUrlTest {

    @Test
    void sentinelUrlNamesTheSentinelsAndTheMaster() {
        RedisEndpoint e = RedisEndpoint.parse("redis-sentinel://app:s3cret@h1:26379,h2,[::1]:26380/orders/2");
        assertThat(e.topology()).isEqualTo(RedisTopology.SENTINEL);
        assertThat(e.nodes()).extracting(RedisNode::toString).containsExactly("h1:26379", "h2:26379", "[::1]:26380");
        assertThat(e.masterName()).isEqualTo("orders");
        assertThat(e.database()).isEqualTo(2);
        assertThat(e.user()).isEqualTo("app");
        assertThat(e.hasPassword()).isTrue();
        assertThat(e.tls()).isFalse();
        assertThat(e.host()).isEqualTo("h1");
        assertThat(e.port()).isEqualTo(26379);
        assertThat(e.redacted()).isEqualTo("redis-sentinel://app:****@h1:26379,h2:26379,[::1]:26380/orders/2");
        assertThat(e.toString()).doesNotContain("s3cret");
    }

    @Test
    void clusterUrlNamesTheSeeds() {
        RedisEndpoint e = RedisEndpoint.parse("redis-cluster://h1:7000,h2:7001");
        assertThat(e.topology()).isEqualTo(RedisTopology.CLUSTER);
        assertThat(e.nodes()).containsExactly(new RedisNode("h1", 7000), new RedisNode("h2", 7001));
        assertThat(e.masterName()).isNull();
        assertThat(e.database()).isZero();
        assertThat(e.redacted()).isEqualTo("redis-cluster://h1:7000,h2:7001");
        assertThat(RedisEndpoint.parse("redis-cluster://h1:7000,h2:7001/").redacted()).isEqualTo(e.redacted());
        assertThat(RedisEndpoint.parse("redis-cluster://h1").nodes()).containsExactly(new RedisNode("h1", 6379));
    }

    @Test
    void tlsVariantsAndSchemeCase() {
        RedisEndpoint sentinel = RedisEndpoint.parse("REDISS-SENTINEL://h1/m");
        assertThat(sentinel.tls()).isTrue();
        assertThat(sentinel.tlsSettings()).isNotNull();
        assertThat(sentinel.redacted()).isEqualTo("rediss-sentinel://h1:26379/m");
        RedisEndpoint cluster = RedisEndpoint.parse("rediss-cluster://:pw@h1:7000");
        assertThat(cluster.tls()).isTrue();
        assertThat(cluster.user()).isNull();
        assertThat(cluster.hasPassword()).isTrue();
        assertThat(cluster.redacted()).isEqualTo("rediss-cluster://:****@h1:7000");
        assertThat(RedisEndpoint.parse("redis-cluster://secret@h1:7000").redacted()).isEqualTo("redis-cluster://:****@h1:7000");
    }

    @Test
    void equalityCoversTopologyNodesAndMaster() {
        assertThat(RedisEndpoint.parse("redis-cluster://h1:7000,h2:7001"))
                .isEqualTo(RedisEndpoint.parse("redis-cluster://H1:7000,h2:7001"))
                .hasSameHashCodeAs(RedisEndpoint.parse("redis-cluster://H1:7000,h2:7001"))
                .isNotEqualTo(RedisEndpoint.parse("redis-cluster://h1:7000"))
                .isNotEqualTo(RedisEndpoint.parse("redis://h1:7000"));
        assertThat(RedisEndpoint.parse("redis-sentinel://h1/a")).isNotEqualTo(RedisEndpoint.parse("redis-sentinel://h1/b"));
        RedisEndpoint withPassword = RedisEndpoint.parse("redis-sentinel://h1,h2/a").withPassword("x");
        assertThat(withPassword.nodes()).hasSize(2);
        assertThat(withPassword.masterName()).isEqualTo("a");
        assertThat(withPassword.topology()).isEqualTo(RedisTopology.SENTINEL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis-sentinel://h1:26379,h2:26379|name the master after the sentinels, like /mymaster",
        "redis-sentinel://h1:26379/|name the master after the sentinels, like /mymaster",
        "redis-sentinel://h1/ma ster|the master name must be 1-128 characters from A-Z a-z 0-9 . _ -, then at most /db",
        "redis-sentinel://h1/m/1/2|the master name must be 1-128 characters from A-Z a-z 0-9 . _ -, then at most /db",
        "redis-sentinel://h1/m/x|database must be a number after the slash, like /0",
        "redis-cluster://h1:7000/1|Redis Cluster has database 0 only",
        "redis-cluster://h1:7000,,h2:7001|each node must be host[:port], separated by commas",
        "redis-cluster://|each node must be host[:port], separated by commas",
        "redis-cluster://h1:70000|port must be 1..65535",
        "redis-cluster://h1:0|port must be 1..65535",
        "redis-cluster://h1:x|no host, or a port that is not a number",
        "redis-cluster://h1:7000?x=1|query and fragment are not supported",
        "redis-cluster://[::1|an IPv6 node must read [address]:port",
        "redis-cluster:h1|a redis-cluster URL needs // after the scheme",
    })
    void badNodeUrlsSayWhy(String url, String reason) {
        assertThatThrownBy(() -> RedisEndpoint.parse(url))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("(" + reason + ")")
                .hasMessageContaining(RedisEndpoint.ACCEPTED_FORMS)
                .hasMessageNotContaining("\n");
    }

    @Test
    void tooManyNodesIsRefused() {
        StringBuilder url = new StringBuilder("redis-cluster://");
        for (int i = 0; i < 65; i++) {
            url.append(i == 0 ? "" : ",").append("h").append(i).append(":7000");
        }
        assertThatThrownBy(() -> RedisEndpoint.parse(url.toString())).hasMessageContaining("more than 64 nodes");
    }

    @Test
    void passwordNeverLeaksFromABadNodeUrl() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://u:hunter2@h1:7000,/x"))
                .hasMessageNotContaining("hunter2");
    }
}
