package com.livechain.dhan.feed;

import java.net.URI;

import okhttp3.HttpUrl;

import com.livechain.credentials.DhanCredentials;

/** Where a feed connection goes (protocol §3.1). The URL carries the credentials: never log it. */
final class FeedUrl {

    private FeedUrl() {
    }

    /** {@code {feedUrl}?version=2&token=<JWT>&clientId=<id>&authType=2}. */
    static HttpUrl of(URI feedUrl, DhanCredentials credentials) {
        String base = feedUrl.toString();
        // HttpUrl speaks http(s); OkHttp upgrades the request to a WebSocket either way.
        if (base.regionMatches(true, 0, "wss:", 0, 4)) {
            base = "https:" + base.substring(4);
        } else if (base.regionMatches(true, 0, "ws:", 0, 3)) {
            base = "http:" + base.substring(3);
        }
        return HttpUrl.get(base).newBuilder()
                .addQueryParameter("version", "2")
                .addQueryParameter("token", credentials.accessToken())
                .addQueryParameter("clientId", credentials.clientId())
                .addQueryParameter("authType", "2")
                .build();
    }
}
