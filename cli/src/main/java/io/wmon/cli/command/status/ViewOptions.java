package io.wmon.cli.command.status;

import io.wmon.cli.fleetview.FleetQuery;
import io.wmon.cli.fleetview.IdGlob;
import io.wmon.cli.text.SafeText;
import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code status --state S,… --status S,… --id GLOB,… --sort id|age|state}: which workers the table or
 * the JSON shows, and in which order. A value that is none of the accepted ones is a usage error
 * naming them, raised while picocli parses (so the usage follows). Values ignore case, except
 * the id patterns: ids are case-sensitive.
 */
public final class ViewOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private final Set<WorkerState> states = EnumSet.noneOf(WorkerState.class);
    private final Set<EntryStatus> statuses = EnumSet.noneOf(EntryStatus.class);
    private final List<IdGlob> ids = new ArrayList<>();
    private FleetQuery.Sort sort = FleetQuery.Sort.ID;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only workers whose record says one of these states: starting, idle, busy, paused, "
                    + "stopping, stopped (alive or stale).")
    void states(List<String> values) {
        states.clear();
        for (String value : values) {
            states.add(WorkerState.fromWire(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    bad("--state", value, Stream.of(WorkerState.values()).map(WorkerState::wire))));
        }
    }

    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "Only workers of these statuses: alive, stale, gone, invalid.")
    void statuses(List<String> values) {
        statuses.clear();
        for (String value : values) {
            statuses.add(Stream.of(EntryStatus.values()).filter(s -> s.name().equalsIgnoreCase(value.trim()))
                    .findFirst().orElseThrow(() -> bad("--status", value, Stream.of(EntryStatus.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT)))));
        }
    }

    @Option(names = "--id", split = ",", paramLabel = "GLOB",
            description = "Only workers whose id matches one of these patterns: * any characters, ? one "
                    + "(e.g. 'api-*').")
    void ids(List<String> values) {
        ids.clear();
        for (String value : values) {
            try {
                ids.add(IdGlob.of(value));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--id " + e.getMessage());
            }
        }
    }

    @Option(names = "--sort", paramLabel = "ORDER",
            description = "Row order: id (default), age (oldest beat first) or state.")
    void sort(String value) {
        sort = Stream.of(FleetQuery.Sort.values()).filter(s -> s.wire().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> bad("--sort", value,
                        Stream.of(FleetQuery.Sort.values()).map(FleetQuery.Sort::wire)));
    }

    /** What the options ask for. */
    public FleetQuery query() {
        return FleetQuery.of(states, statuses, ids, sort);
    }

    private ParameterException bad(String option, String value, Stream<String> accepted) {
        return new ParameterException(spec.commandLine(), option + ": '" + SafeText.escape(value, 64)
                + "' is not one of " + accepted.collect(Collectors.joining(", ")));
    }
}
