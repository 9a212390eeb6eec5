package io.wmon.core.event;

import io.wmon.core.redis.TransientReplies;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The {@code XADD}s {@link EventAppender} queued on a pipeline, and what Redis answered once the
 * pipeline was synced.
 */
public final class AppendBatch {

    private final List<FleetEvent> events;
    private final List<Response<StreamEntryID>> replies;

    AppendBatch(List<FleetEvent> events, List<Response<StreamEntryID>> replies) {
        this.events = List.copyOf(events);
        this.replies = replies;
    }

    /**
     * What each append became. An event whose reply never arrived (the pipeline failed before or
     * during its sync) is {@linkplain AppendResult#unconfirmed() unconfirmed}: it may or may not be
     * in the stream.
     */
    public AppendResult result() {
        List<EventId> ids = new ArrayList<>(events.size());
        List<FleetEvent> unconfirmed = new ArrayList<>(0);
        int refused = 0;
        int written = 0;
        String refusal = null;
        for (int i = 0; i < events.size(); i++) {
            try {
                StreamEntryID id = replies.get(i).get();
                ids.add(EventId.of(id.getTime(), id.getSequence()));
                written++;
            } catch (JedisDataException rejected) {
                if (TransientReplies.isTransient(rejected.getMessage())) {
                    // The cluster or server cannot take writes right now: not a refusal, a later beat takes them.
                    unconfirmed.add(events.get(i));
                    continue;
                }
                // NOPERM (an ACL without +xadd), or WRONGTYPE (the key is no stream): Redis said no.
                refused++;
                if (refusal == null) {
                    refusal = String.valueOf(rejected.getMessage());
                }
            } catch (IllegalStateException notSynced) {
                unconfirmed.add(events.get(i));
            } catch (NumberFormatException idBeyondLong) {
                // Written, under an id the client library cannot parse (someone added one beyond 2^63 - 1 by hand).
                written++;
            }
        }
        return new AppendResult(written, ids, unconfirmed, refused, refusal);
    }
}
