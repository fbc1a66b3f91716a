package com.livechain.market;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Is the exchange open now, and if not why and until when: what the page shows in its banner and health in
 * its {@code market} component. Serialised as is (the push {@code feed.market} object).
 *
 * @param open     the equity-derivatives session is open
 * @param reason   when open, until when ("open until 15:30 IST"); when closed, why ("Christmas (NSE/BSE holiday)",
 *                 "Saturday", "after the 15:30 IST close")
 * @param closesAt when open, the close of this session (IST); otherwise {@code null}
 * @param nextOpen when closed, the open of the next session (IST); otherwise {@code null}
 * @param notices  what the calendar is not sure of for the dates that matter now (a provisional year); usually empty
 */
public record MarketStatus(boolean open, String reason, OffsetDateTime closesAt, OffsetDateTime nextOpen,
                           List<String> notices) {

    public MarketStatus {
        Objects.requireNonNull(reason, "reason");
        notices = List.copyOf(notices);
    }
}
