package com.livechain.config;

import com.livechain.simulator.DhanSimulator;

/**
 * The embedded simulator when the app runs in simulated mode, {@code null} in live mode: lets tests
 * and tools drive its faults without the simulator being a bean that exists against real Dhan.
 */
public record SimulatorHandle(DhanSimulator simulator) {
}
