package com.livechain.simulator.rest;

import com.livechain.simulator.SimulatorCounters;
import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves the detailed scrip master CSV, without authentication like Dhan's public CSV URL (protocol §2.1). */
public final class ScripMasterServlet extends HttpServlet {

    public static final String PATH = "/api-data/api-scrip-master-detailed.csv";

    private final Supplier<byte[]> csv;
    private final SimulatorCounters counters;

    public ScripMasterServlet(Supplier<byte[]> csv, SimulatorCounters counters) {
        this.csv = csv;
        this.counters = counters;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        counters.onScripMasterDownload();
        byte[] bytes = csv.get();
        response.setContentType("text/csv");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
