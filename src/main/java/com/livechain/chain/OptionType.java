package com.livechain.chain;

/** Call or put, spelled as Dhan's scrip master and option-chain responses spell them. */
public enum OptionType {
    CE,
    PE
}
