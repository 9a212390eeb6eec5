package io.wmon.cli.command.prune;

import io.wmon.cli.shell.ExitCodes;
import io.wmon.cli.shell.JsonOption;
import io.wmon.cli.shell.JsonOutput;
import io.wmon.cli.shell.RedisSession;
import io.wmon.cli.shell.WmonCommand;
import io.wmon.cli.text.SafeText;
import io.wmon.core.fleet.FleetKeys;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wmon prune}: removes gone workers (record expired, registry member left) from the registry. */
@Command(name = "prune", sortOptions = false,
        description = "Remove gone workers (record expired, still in the registry) from the registry.",
        footer = "%nSee docs/cli.md for the output formats.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok, also when nothing was gone", "1:internal error",
            "2:usage error, a database the Redis server does not have, or a master the sentinels do not monitor",
            "3:Redis unreachable, or refused us: credentials, maxclients, an ACL permission; or not Redis"})
public final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    WmonCommand root;

    @Mixin
    JsonOption json;

    @Option(names = "--dry-run", description = "Only list the gone workers; remove nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        FleetKeys keys = root.keys();
        String redis = root.endpoint().redacted();
        List<String> gone;
        List<String> removed;
        try (RedisSession session = RedisSession.open(root)) {
            GonePruner pruner = new GonePruner(session.pool(), keys);
            gone = pruner.findGone();
            removed = dryRun || gone.isEmpty() ? List.of() : pruner.remove(gone);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.writeLine(out, doc -> {
                doc.writeStartObject();
                doc.writeStringField("namespace", keys.namespace());
                doc.writeStringField("redis", redis);
                doc.writeBooleanField("dryRun", dryRun);
                doc.writeArrayFieldStart("gone");
                for (String id : gone) {
                    doc.writeString(id);
                }
                doc.writeEndArray();
                doc.writeArrayFieldStart("removed");
                for (String id : removed) {
                    doc.writeString(id);
                }
                doc.writeEndArray();
                doc.writeEndObject();
            });
            return ExitCodes.OK;
        }
        StringBuilder text = new StringBuilder();
        for (String id : dryRun ? gone : removed) {
            // Gone ids are valid worker ids, but text output escapes whatever came from Redis.
            text.append(dryRun ? "would remove " : "removed ").append(SafeText.escape(id, 128)).append('\n');
        }
        text.append(summary(keys, gone.size(), removed.size())).append('\n');
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }

    private String summary(FleetKeys keys, int goneCount, int removedCount) {
        String where = " from " + keys.workers();
        if (dryRun) {
            return goneCount + " gone worker(s); --dry-run removed nothing" + where;
        }
        String kept = goneCount > removedCount ? " (" + (goneCount - removedCount) + " came back and were kept)" : "";
        return removedCount + " gone worker(s) removed" + where + kept;
    }
}
