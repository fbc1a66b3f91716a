package com.livechain.dhan;

import java.net.URI;
import java.util.Optional;

import com.livechain.chain.MarketSource;
import com.livechain.credentials.DhanCredentials;

/**
 * Where the Dhan clients connect and with which credentials: the real Dhan in live mode, the
 * embedded simulator otherwise. The REST and feed clients cannot tell the two apart.
 */
public interface DhanAccess {

    MarketSource source();

    /** REST base, e.g. {@code https://api.dhan.co/v2} (paths such as {@code /optionchain} are appended). */
    URI restUrl();

    /** Live feed base, e.g. {@code wss://api-feed.dhan.co}; the feed client adds the query string. */
    URI feedUrl();

    /** Scrip master CSV. */
    URI instrumentsUrl();

    /**
     * The credentials to use now. Read again on every call, so a token renewed in the credential
     * store is used by the next request or reconnect without a restart.
     */
    Optional<DhanCredentials> credentials();
}
