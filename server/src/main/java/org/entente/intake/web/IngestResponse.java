package org.entente.intake.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.entente.intake.internal.CheckedEvent;
import org.entente.intake.internal.IngestService;
import org.entente.intake.internal.Rejection;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What became of each event of a request: accepted, duplicate (already stored: nothing changed) or rejected. */
record IngestResponse(int accepted, int duplicates, int rejected, List<Result> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(int index, String id, String status, UUID profileId, Reason reason) {
    }

    /** @param message the reason in the client's language */
    record Reason(String code, String field, String message) {

        static Reason of(Rejection rejection, MessageSource messages, Locale locale) {
            return new Reason(rejection.code(), rejection.field(), messages.getMessage(
                    "intake.rejection." + rejection.code(), new Object[]{rejection.arg()}, rejection.code(), locale));
        }
    }

    static IngestResponse of(List<IngestService.Outcome> outcomes, MessageSource messages, Locale locale) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        List<Result> results = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            IngestService.Outcome outcome = outcomes.get(i);
            if (outcome.event() instanceof CheckedEvent.Rejected r) {
                rejected++;
                results.add(new Result(i, r.id(), "rejected", null, Reason.of(r.rejection(), messages, locale)));
            } else if (outcome.duplicate()) {
                duplicates++;
                results.add(new Result(i, outcome.event().id(), "duplicate", null, null));
            } else {
                accepted++;
                results.add(new Result(i, outcome.event().id(), "accepted",
                        outcome.recorded().personId().orElseThrow(), null));
            }
        }
        return new IngestResponse(accepted, duplicates, rejected, results);
    }
}
