package io.wmon.cli.fleetview;

import io.wmon.core.fleet.EntryStatus;
import io.wmon.core.fleet.FleetSnapshot;
import io.wmon.core.fleet.WorkerEntry;
import io.wmon.core.record.WorkerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which workers a view shows and in what order: {@code status --state}, {@code --status}, {@code --id}
 * and {@code --sort}. Filters of different kinds must all match; values of one kind are
 * alternatives ({@code --state busy,paused} is busy or paused). {@code --state} matches the state a
 * record says, whether the worker is alive or stale; gone and invalid entries have no state and
 * match no {@code --state}. Immutable.
 */
public final class FleetQuery {

    /** Row orders of {@code --sort}. */
    public enum Sort {
        /** By id (the reader's order). */
        ID,
        /** Oldest beat first, then by id. */
        AGE,
        /**
         * In the contract's order of states (starting, idle, busy, paused, stopping, stopped), then by
         * id; entries without a record (gone, invalid) last.
         */
        STATE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final FleetQuery ALL = new FleetQuery(Set.of(), Set.of(), List.of(), Sort.ID);

    private static final Comparator<WorkerEntry> BY_ID = Comparator.comparing(WorkerEntry::id);
    private static final Comparator<WorkerEntry> BY_AGE = Comparator.comparingLong(WorkerEntry::ageMillis).reversed()
            .thenComparing(BY_ID);
    private static final int STATES = WorkerState.values().length;
    private static final Comparator<WorkerEntry> BY_STATE = Comparator.<WorkerEntry>comparingInt(entry ->
            entry.record() == null ? STATES + entry.status().ordinal() : entry.record().state().ordinal())
            .thenComparing(BY_ID);

    private final Set<WorkerState> states;
    private final Set<EntryStatus> statuses;
    private final List<IdGlob> ids;
    private final Sort sort;

    private FleetQuery(Set<WorkerState> states, Set<EntryStatus> statuses, List<IdGlob> ids, Sort sort) {
        this.states = states;
        this.statuses = statuses;
        this.ids = ids;
        this.sort = sort;
    }

    /** Every worker, by id. */
    public static FleetQuery all() {
        return ALL;
    }

    /**
     * @param states states to show; empty for any
     * @param statuses statuses to show; empty for any
     * @param ids id patterns, any of which may match; empty for any id
     */
    public static FleetQuery of(Set<WorkerState> states, Set<EntryStatus> statuses, List<IdGlob> ids, Sort sort) {
        return new FleetQuery(states.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(states)),
                statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses)),
                List.copyOf(ids), sort);
    }

    /** Whether some workers may be left out. */
    public boolean filters() {
        return !states.isEmpty() || !statuses.isEmpty() || !ids.isEmpty();
    }

    public boolean matches(WorkerEntry entry) {
        if (!statuses.isEmpty() && !statuses.contains(entry.status())) {
            return false;
        }
        if (!states.isEmpty() && (entry.record() == null || !states.contains(entry.record().state()))) {
            return false;
        }
        if (ids.isEmpty()) {
            return true;
        }
        for (IdGlob glob : ids) {
            if (glob.matches(entry.id())) {
                return true;
            }
        }
        return false;
    }

    /** The workers shown: {@code snapshot} itself without a filter, else a snapshot of those that match. */
    public FleetSnapshot select(FleetSnapshot snapshot) {
        return filters() ? snapshot.filter(this::matches) : snapshot;
    }

    /** {@code shown}'s entries in this query's order; the snapshot's own list when that is by id. */
    public List<WorkerEntry> order(FleetSnapshot shown) {
        if (sort == Sort.ID) {
            return shown.workers();
        }
        List<WorkerEntry> rows = new ArrayList<>(shown.workers());
        rows.sort(comparator());
        return rows;
    }

    /** This query's row order as a comparator. */
    public Comparator<WorkerEntry> comparator() {
        return sort == Sort.ID ? BY_ID : sort == Sort.AGE ? BY_AGE : BY_STATE;
    }

    public Sort sort() {
        return sort;
    }

    /** The states asked for, lower case in the contract's order; empty for any. */
    public List<String> states() {
        List<String> names = new ArrayList<>();
        for (WorkerState state : WorkerState.values()) {
            if (states.contains(state)) {
                names.add(state.wire());
            }
        }
        return names;
    }

    /** The statuses asked for, lower case; empty for any. */
    public List<String> statuses() {
        List<String> names = new ArrayList<>();
        for (EntryStatus status : EntryStatus.values()) {
            if (statuses.contains(status)) {
                names.add(status.name().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The id patterns asked for; empty for any. */
    public List<String> ids() {
        List<String> patterns = new ArrayList<>();
        ids.forEach(glob -> patterns.add(glob.toString()));
        return patterns;
    }

    /** The filter as options, e.g. {@code --status stale --state busy,paused --id 'api-*'}; {@code ""} without one. */
    public String describe() {
        StringJoiner options = new StringJoiner(" ");
        if (!statuses.isEmpty()) {
            options.add("--status " + String.join(",", statuses()));
        }
        if (!states.isEmpty()) {
            options.add("--state " + String.join(",", states()));
        }
        if (!ids.isEmpty()) {
            options.add("--id '" + String.join(",", ids()) + "'");
        }
        return options.toString();
    }
}
