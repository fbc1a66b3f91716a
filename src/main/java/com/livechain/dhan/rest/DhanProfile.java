package com.livechain.dhan.rest;

import java.time.Instant;

/**
 * What {@code GET /v2/profile} says of a token (protocol §6.4): whose it is and until when it is valid.
 *
 * @param clientId      {@code dhanClientId}, null when absent
 * @param tokenValidity {@code tokenValidity} ({@code DD/MM/YYYY HH:mm}, read as IST), null when absent or unreadable
 */
public record DhanProfile(String clientId, Instant tokenValidity) {
}
