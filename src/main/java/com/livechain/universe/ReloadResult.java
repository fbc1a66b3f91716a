package com.livechain.universe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of one reload of the instrument list, as the actuator endpoint, the log and health show it.
 *
 * @param reason why it failed, or {@code null}
 */
public record ReloadResult(Outcome outcome, String trigger, Instant at, long millis, int legsAdded, int legsRemoved,
                           int legsKept, Map<String, List<LocalDate>> expiriesAdded,
                           Map<String, List<LocalDate>> expiriesRemoved, String reason) {

    /** The values of the {@code outcome} tag of {@code livechain_chain_reloads_total}. */
    public enum Outcome {
        /** A changed universe was installed. */
        APPLIED,
        /** The list was read and judged good, and nothing in it had changed. */
        UNCHANGED,
        /** The list could not be read or was refused; the served universe stays as it was. */
        FAILED;

        @JsonValue
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static ReloadResult of(String trigger, Instant at, long millis, UniverseDiff diff) {
        return new ReloadResult(diff.isEmpty() ? Outcome.UNCHANGED : Outcome.APPLIED, trigger, at, millis,
                diff.addedLegs().size(), diff.removedLegs().size(), diff.keptLegs(), diff.addedExpiries(),
                diff.removedExpiries(), null);
    }

    static ReloadResult failed(String trigger, Instant at, long millis, String reason) {
        return new ReloadResult(Outcome.FAILED, trigger, at, millis, 0, 0, 0, Map.of(), Map.of(), reason);
    }
}
