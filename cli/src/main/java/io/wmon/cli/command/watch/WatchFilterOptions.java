package io.wmon.cli.command.watch;

import io.wmon.cli.fleetview.IdGlob;
import io.wmon.cli.text.SafeText;
import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code watch --state S,… --id GLOB,…}: which events are printed (see {@link EventFilter}). A value
 * that is none of the accepted ones is a usage error naming them, raised while picocli parses.
 */
final class WatchFilterOptions {

    @Option(names = "--state", split = ",", paramLabel = "STATE", converter = StateConverter.class,
            description = "Only events of workers entering or leaving one of these states: starting, idle, busy,"
                    + " paused, stopping, stopped.")
    List<WorkerState> states = new ArrayList<>();

    @Option(names = "--id", split = ",", paramLabel = "GLOB", converter = GlobConverter.class,
            description = "Only events of workers whose id matches one of these patterns: * any characters,"
                    + " ? one (e.g. 'api-*').")
    List<IdGlob> ids = new ArrayList<>();

    EventFilter filter() {
        return new EventFilter(states, ids);
    }

    static final class StateConverter implements ITypeConverter<WorkerState> {
        @Override
        public WorkerState convert(String value) {
            return WorkerState.fromWire(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new TypeConversionException("'" + SafeText.escape(value, 64) + "' is not one of "
                            + Stream.of(WorkerState.values()).map(WorkerState::wire).collect(Collectors.joining(", "))));
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
}
