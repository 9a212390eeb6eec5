package io.wmon.it;

/** The agent's connection budget as the contract states it (design: pool {@code maxTotal}, default 4). */
final class AgentConnectionBudget {

    /** The agent's default {@code poolMaxTotal}: no worker in these tests may hold more. */
    static final int POOL_MAX_TOTAL = 4;

    private AgentConnectionBudget() {
    }
}
