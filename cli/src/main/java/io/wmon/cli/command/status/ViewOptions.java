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
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code status --state S,… --status S,… --id GLOB,… --sort id|age|state}: which workers the table or
 * the JSON shows, and in which order. A value that is none of the accepted ones is a usage error
 * naming them, raised while picocli parses (a {@code ParameterException}, so the usage follows).
 * Values ignore case, except the id patterns: ids are case-sensitive.
 */
public final class ViewOptions {

    @Option(names = "--state", split = ",", paramLabel = "STATE", converter = StateConverter.class,
            description = "Only workers whose record says one of these states: starting, idle, busy, paused, "
                    + "stopping, stopped (alive or stale).")
    List<WorkerState> states = new ArrayList<>();

    @Option(names = "--status", split = ",", paramLabel = "STATUS", converter = StatusConverter.class,
            description = "Only workers of these statuses: alive, stale, gone, invalid.")
    List<EntryStatus> statuses = new ArrayList<>();

    @Option(names = "--id", split = ",", paramLabel = "GLOB", converter = GlobConverter.class,
            description = "Only workers whose id matches one of these patterns: * any characters, ? one "
                    + "(e.g. 'api-*').")
    List<IdGlob> ids = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "ORDER", converter = SortConverter.class, defaultValue = "id",
            description = "Row order: id (default), age (oldest beat first) or state.")
    FleetQuery.Sort sort;

    /** What the options ask for. */
    public FleetQuery query() {
        Set<WorkerState> stateSet = states.isEmpty() ? Set.of() : EnumSet.copyOf(states);
        Set<EntryStatus> statusSet = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        return FleetQuery.of(stateSet, statusSet, ids, sort == null ? FleetQuery.Sort.ID : sort);
    }

    private static TypeConversionException bad(String value, Stream<String> accepted) {
        return new TypeConversionException("'" + SafeText.escape(value, 64) + "' is not one of "
                + accepted.collect(Collectors.joining(", ")));
    }

    static final class StateConverter implements ITypeConverter<WorkerState> {
        @Override
        public WorkerState convert(String value) {
            return WorkerState.fromWire(value.trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> bad(value, Stream.of(WorkerState.values()).map(WorkerState::wire)));
        }
    }

    static final class StatusConverter implements ITypeConverter<EntryStatus> {
        @Override
        public EntryStatus convert(String value) {
            return Stream.of(EntryStatus.values()).filter(s -> s.name().equalsIgnoreCase(value.trim())).findFirst()
                    .orElseThrow(() -> bad(value, Stream.of(EntryStatus.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT))));
        }
    }

    static final class GlobConverter implements ITypeConverter<IdGlob> {
        @Override
        public IdGlob convert(String value) {
            try {
                return IdGlob.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SortConverter implements ITypeConverter<FleetQuery.Sort> {
        @Override
        public FleetQuery.Sort convert(String value) {
            return Stream.of(FleetQuery.Sort.values()).filter(s -> s.wire().equalsIgnoreCase(value.trim())).findFirst()
                    .orElseThrow(() -> bad(value, Stream.of(FleetQuery.Sort.values()).map(FleetQuery.Sort::wire)));
        }
    }
}
