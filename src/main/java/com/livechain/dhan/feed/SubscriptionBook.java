package com.livechain.dhan.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;

/**
 * Which instruments each feed connection carries, kept across reloads of the instrument list, and the messages
 * that move it from one universe to the next on connections that stay open (protocol §10: unsubscribe with the
 * subscribe code + 1 of the mode the instrument was subscribed in, at most 100 a message).
 *
 * <p>The wanted set is the first {@code maxConnections × maxInstrumentsPerConnection} instruments of the index:
 * underlyings, then options in the index's priority order (nearest expiry, nearest the money), as
 * {@link Subscriptions#plan} subscribes them. A reload unsubscribes what is no longer wanted where it is, and
 * puts what is newly wanted on the connections with room, in connection order, opening a further connection
 * only when the open ones are full. A kept instrument never moves: moving it would cost an unsubscribe, a
 * subscribe and a gap in its ticks for nothing.
 *
 * <p>Not thread-safe: the feed client changes it on its own thread.
 */
public final class SubscriptionBook {

    private final int perConnection;
    private final int perMessage;
    private final int capacity;
    /** Per connection, the underlyings (ticker mode) and the options (full mode) it carries, in subscription order. */
    private final List<Set<Leg>> tickers = new ArrayList<>();
    private final List<Set<Leg>> fulls = new ArrayList<>();
    /** Insertion-ordered, so unsubscribe messages list instruments in the order they were subscribed. */
    private final Map<Leg, Integer> connectionOf = new LinkedHashMap<>();
    private int beyondAllowance;

    public SubscriptionBook(FeedProperties limits) {
        this.perConnection = limits.maxInstrumentsPerConnection();
        this.perMessage = limits.maxInstrumentsPerMessage();
        this.capacity = perConnection * limits.maxConnections();
    }

    /**
     * What changing to {@code index} sends on each connection.
     *
     * @param unsubscribe per connection (by number, from 0), the messages that drop its instruments no longer wanted
     * @param subscribe   per connection, the messages that add the newly wanted ones; a connection numbered past
     *                    the ones open before is new and is opened with these
     */
    public record Change(Map<Integer, List<String>> unsubscribe, Map<Integer, List<String>> subscribe,
                         int added, int removed) {

        public Change {
            unsubscribe = Map.copyOf(unsubscribe);
            subscribe = Map.copyOf(subscribe);
        }

        public boolean isEmpty() {
            return added == 0 && removed == 0;
        }
    }

    /** Moves the book to {@code index} and says what to send where. The first call plans the whole universe. */
    public Change moveTo(InstrumentIndex index) {
        List<Leg> underlyings = index.underlyings();
        List<Leg> options = index.options();
        int kept = Math.min(capacity, underlyings.size() + options.size());
        Set<Leg> wanted = new LinkedHashSet<>(kept * 2);
        for (int i = 0; i < kept; i++) {
            wanted.add(i < underlyings.size() ? underlyings.get(i) : options.get(i - underlyings.size()));
        }
        beyondAllowance = underlyings.size() + options.size() - kept;

        Map<Integer, List<Leg>> droppedTickers = new HashMap<>();
        Map<Integer, List<Leg>> droppedFulls = new HashMap<>();
        int removed = 0;
        for (Map.Entry<Leg, Integer> held : List.copyOf(connectionOf.entrySet())) {
            Leg leg = held.getKey();
            if (!wanted.contains(leg)) {
                int c = held.getValue();
                boolean ticker = tickers.get(c).remove(leg);
                if (!ticker) {
                    fulls.get(c).remove(leg);
                }
                (ticker ? droppedTickers : droppedFulls).computeIfAbsent(c, k -> new ArrayList<>()).add(leg);
                connectionOf.remove(leg);
                removed++;
            }
        }

        Set<Leg> wantedUnderlyings = new LinkedHashSet<>(underlyings);
        Map<Integer, List<Leg>> newTickers = new HashMap<>();
        Map<Integer, List<Leg>> newFulls = new HashMap<>();
        int added = 0;
        int c = 0;
        for (Leg leg : wanted) {
            if (connectionOf.containsKey(leg)) {
                continue;
            }
            while (c < tickers.size() && size(c) >= perConnection) {
                c++;
            }
            if (c == tickers.size()) {
                tickers.add(new LinkedHashSet<>());
                fulls.add(new LinkedHashSet<>());
            }
            boolean ticker = wantedUnderlyings.contains(leg);
            (ticker ? tickers : fulls).get(c).add(leg);
            (ticker ? newTickers : newFulls).computeIfAbsent(c, k -> new ArrayList<>()).add(leg);
            connectionOf.put(leg, c);
            added++;
        }

        Map<Integer, List<String>> unsubscribe = new HashMap<>();
        droppedTickers.forEach((n, legs) -> messages(unsubscribe, n, Subscriptions.TICKER + 1, legs));
        droppedFulls.forEach((n, legs) -> messages(unsubscribe, n, Subscriptions.FULL + 1, legs));
        Map<Integer, List<String>> subscribe = new HashMap<>();
        newTickers.forEach((n, legs) -> messages(subscribe, n, Subscriptions.TICKER, legs));
        newFulls.forEach((n, legs) -> messages(subscribe, n, Subscriptions.FULL, legs));
        return new Change(unsubscribe, subscribe, added, removed);
    }

    /** Connections the book uses (some may carry nothing after a reload dropped their instruments). */
    public int connectionCount() {
        return tickers.size();
    }

    /** Instruments connection {@code n} carries. */
    public int size(int n) {
        return tickers.get(n).size() + fulls.get(n).size();
    }

    /** Every instrument subscribed, over all connections. */
    public int instrumentCount() {
        return connectionOf.size();
    }

    /** Instruments of the latest index left without a subscription by Dhan's allowance. */
    public int beyondAllowance() {
        return beyondAllowance;
    }

    /** The messages that subscribe all of connection {@code n}'s instruments, for a (re)connect. */
    public List<String> subscribeAll(int n) {
        List<String> messages = new ArrayList<>();
        addMessages(messages, Subscriptions.TICKER, List.copyOf(tickers.get(n)));
        addMessages(messages, Subscriptions.FULL, List.copyOf(fulls.get(n)));
        return messages;
    }

    /** The connection carrying {@code leg}, or -1. */
    public int connectionOf(Leg leg) {
        return connectionOf.getOrDefault(Objects.requireNonNull(leg, "leg"), -1);
    }

    private void messages(Map<Integer, List<String>> into, int connection, int requestCode, List<Leg> legs) {
        addMessages(into.computeIfAbsent(connection, k -> new ArrayList<>()), requestCode, legs);
    }

    private void addMessages(List<String> messages, int requestCode, List<Leg> legs) {
        for (int i = 0; i < legs.size(); i += perMessage) {
            messages.add(Subscriptions.message(requestCode, legs.subList(i, Math.min(legs.size(), i + perMessage))));
        }
    }
}
