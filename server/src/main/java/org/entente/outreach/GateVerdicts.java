package org.entente.outreach;

import java.util.List;

/**
 * What the gate answered over a period: how many verdicts of each kind, and why messages were held back.
 *
 * @param reasons one per reason given at least once, most given first; a verdict with two reasons counts under both
 */
public record GateVerdicts(long allowed, long deferred, long denied, List<ReasonCount> reasons) {

    public GateVerdicts {
        reasons = List.copyOf(reasons);
    }

    /**
     * @param reason   the reason's code ({@code no_consent}, {@code quiet_hours}... as in {@link Decision#reasons()})
     * @param denied   how many denials gave it
     * @param deferred how many deferrals gave it
     */
    public record ReasonCount(String reason, long denied, long deferred) {

        public long total() {
            return denied + deferred;
        }
    }
}
