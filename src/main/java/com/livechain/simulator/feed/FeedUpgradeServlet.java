package com.livechain.simulator.feed;

import com.livechain.simulator.SimulatorCounters;
import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Upgrades requests on the feed path to the feed WebSocket, unless the reject-connections fault is on: then
 * the handshake is refused with HTTP 503, as a gateway in trouble would. Upgrading from a servlet
 * ({@link ServerContainer#upgradeHttpToWebSocket}) rather than a mapped endpoint is what lets the simulator
 * refuse a handshake.
 */
public final class FeedUpgradeServlet extends HttpServlet {

    private final ServerEndpointConfig config;
    private final BooleanSupplier rejecting;
    private final SimulatorCounters counters;

    /** Set by {@link #init()}: the container exists only once the context (and its WsSci) has started. */
    private ServerContainer container;

    public FeedUpgradeServlet(FeedEndpoint endpoint, BooleanSupplier rejecting, SimulatorCounters counters) {
        this.rejecting = rejecting;
        this.counters = counters;
        this.config = ServerEndpointConfig.Builder.create(FeedEndpoint.class, "/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(endpoint);
                    }
                })
                .build();
    }

    @Override
    public void init() throws ServletException {
        container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new ServletException("No WebSocket container: WsSci was not registered on the context");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "This is the Dhan simulator's live feed: connect with a WebSocket client.");
            return;
        }
        if (rejecting.getAsBoolean()) {
            counters.onConnectionRefused();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable");
            return;
        }
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }
}
