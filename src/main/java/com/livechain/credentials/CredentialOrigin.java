package com.livechain.credentials;

/** Where the credentials in use came from; said in logs so an operator knows which one to renew. */
public enum CredentialOrigin {
    /** {@code DHAN_CLIENT_ID} / {@code DHAN_ACCESS_TOKEN}, or {@code livechain.dhan.*} properties. */
    ENVIRONMENT,
    /** The encrypted SQLite store written by {@code credentials set}. */
    STORE
}
