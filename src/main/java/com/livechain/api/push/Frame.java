package com.livechain.api.push;

import com.livechain.api.ChainView;

/**
 * One rendering of a chain as the sessions of its group were (or will be) sent it. Compared by identity: two
 * sessions at the same frame are at the same place and share the next message.
 */
final class Frame {

    final ChainView view;
    final PushMessages.FeedView feed;
    /** When the rendering was made, for the push lag: from render to the socket. */
    final long renderedNanos;

    Frame(ChainView view, PushMessages.FeedView feed) {
        this(view, feed, System.nanoTime());
    }

    Frame(ChainView view, PushMessages.FeedView feed, long renderedNanos) {
        this.view = view;
        this.feed = feed;
        this.renderedNanos = renderedNanos;
    }
}
