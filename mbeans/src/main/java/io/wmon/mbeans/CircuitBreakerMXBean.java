package io.wmon.mbeans;

/**
 * The circuit breaker in front of the agent's Redis endpoint: {@code io.wmon:type=CircuitBreaker,name=redis}.
 *
 * <p>Every getter reads the breaker's in-memory state; none touches Redis or blocks. The
 * {@link Description} of each getter is what JConsole shows and what {@code docs/mbeans.md} lists.
 */
@Description("The circuit breaker in front of the agent's Redis endpoint: while it is open the agent makes no"
        + " connection attempt, so an outage of Redis costs one attempt per delay; read from memory")
public interface CircuitBreakerMXBean {

    @Description("CLOSED (calls go to Redis), OPEN (calls fail at once, no connection attempt) or HALF_OPEN (the next"
            + " call is a trial); an OPEN breaker whose delay has passed reads OPEN until the next heartbeat")
    String getState();

    @Units(Units.PERCENT)
    @Description("Failed calls among those the breaker remembers in its current state, percent; it opens at 3 of 5")
    int getFailureRatePercent();

    @Units(Units.COUNT)
    @Description("Calls the breaker remembers in its current state: at most 5 while closed, 1 while half-open")
    int getBufferedCallCount();

    @Units(Units.COUNT)
    @Description("Calls that failed to reach Redis (refused, timed out, closed, credentials or permissions refused,"
            + " maxclients) since the agent started; a full pool and a rejected command do not count")
    long getFailedCallCount();

    @Units(Units.COUNT)
    @Description("Calls refused without a connection attempt because the breaker was open, since the agent started")
    long getNotPermittedCallCount();

    @Units(Units.MILLISECONDS)
    @Description("When the state last changed, epoch milliseconds; when the agent started before the first change")
    long getStateChangedAtMillis();

    @Units(Units.MILLISECONDS)
    @Description("How long the breaker stays open after its latest opening, milliseconds: the heartbeat interval at"
            + " first, doubled after each failed trial up to 60 s")
    long getDelayMillis();

    @Description("Why the latest call failed to reach Redis, one line (password never shown); empty before the first")
    String getLastFailure();
}
