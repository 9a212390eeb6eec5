package io.wmon.cli.command.watch;

import io.wmon.cli.fleetview.IdGlob;
import io.wmon.core.event.FleetEvent;
import io.wmon.core.record.WorkerState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which events {@code watch --state S,… --id GLOB,…} prints: {@code --state} keeps the events whose
 * {@code from} or {@code to} is one of the states (a worker entering or leaving it; events without
 * a worker state, such as {@code breaker}, never match); {@code --id} keeps the workers whose id
 * matches one of the patterns. Both must hold when both are given. Immutable.
 */
final class EventFilter {

    private final Set<String> states;
    private final List<IdGlob> ids;

    EventFilter(List<WorkerState> states, List<IdGlob> ids) {
        Set<String> wires = new java.util.HashSet<>();
        for (WorkerState state : states.isEmpty() ? Set.<WorkerState>of() : EnumSet.copyOf(states)) {
            wires.add(state.wire());
        }
        this.states = Set.copyOf(wires);
        this.ids = List.copyOf(ids);
    }

    boolean matches(FleetEvent event) {
        if (!states.isEmpty() && !states.contains(event.from()) && !states.contains(event.to())) {
            return false;
        }
        if (ids.isEmpty()) {
            return true;
        }
        for (IdGlob glob : ids) {
            if (glob.matches(event.worker())) {
                return true;
            }
        }
        return false;
    }
}
