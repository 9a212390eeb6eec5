package io.wmon.cli.command.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.wmon.cli.command.connections.ConnectionGroup.Kind;
import io.wmon.cli.command.connections.ConnectionGroup.Member;
import io.wmon.cli.text.TerminalBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client names and hosts come from CLIENT LIST, set by any client: the text view escapes and bounds them. */
class ConnectionsViewTest {

    @Test
    void namesHostsAndWarningsReachTheTerminalEscapedAndCut() {
        ClientLine named = new ClientLine(1, "app" + TerminalBytes.CLEAR + TerminalBytes.TITLE + "x".repeat(1_000),
                "10.0.0.5:5000", 3, 3, 0, 0, 0, "N", "get" + TerminalBytes.C1_CSI);
        ClientLine unnamed = new ClientLine(2, "", TerminalBytes.CLIPBOARD + TerminalBytes.BIDI + ":5001", 3, 3, 0,
                0, 0, "N", "ping");
        ConnectionReport report = new ConnectionReport("default", "redis://127.0.0.1:6379", 0, "wmon:cli:default:1",
                2, 100, "", 0, 0,
                List.of(new ConnectionGroup(Kind.NAMED, named.name(), "", -1, null, List.of(new Member(named,
                                Role.NAMED))),
                        new ConnectionGroup(Kind.UNNAMED, unnamed.host(), "", -1, null, List.of(new Member(unnamed,
                                Role.UNNAMED)))),
                List.of("client " + named.name() + " is odd"));

        String text = String.join("\n", ConnectionsView.render(report));

        TerminalBytes.assertInert(text.getBytes(StandardCharsets.UTF_8));
        assertThat(text).contains("app\\x1b[2J\\x1b]0;owned\\x07", "\\x1b]52;c;Y3VybCBldmlsfHNo\\x07\\u202e");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length())
                .isLessThanOrEqualTo(ConnectionsView.WARNING_WIDTH + "WARNING: ".length()));
    }
}
