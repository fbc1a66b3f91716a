package com.livechain.api.push;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The {@code /ws/options} handshake, with permessage-deflate (RFC 7692) as a setting. Browsers ask
 * for it and it cuts the JSON on the wire several times over, but the container compresses every
 * message once per session: with hundreds of sessions sharing the same bytes, deflate, not the push
 * itself, becomes the server's main CPU cost: with 500 sessions on a busy simulated market it took
 * two cores to 100% and sessions fell to ~1 message a second, against 0.8 cores at the full 10 a
 * second without it. So it is off unless {@code livechain.push.compression=true}.
 *
 * <p>Declining takes hiding the offer: Tomcat negotiates extensions itself from the request header,
 * and falls back to every extension it has installed when Spring selects none.
 */
final class PushHandshakeHandler extends DefaultHandshakeHandler {

    static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    PushHandshakeHandler(boolean compression) {
        super(compression ? new StandardWebSocketUpgradeStrategy() : new WithoutExtensions(new StandardWebSocketUpgradeStrategy()));
    }

    /** Upgrades as if the client had offered no extension. */
    static final class WithoutExtensions implements RequestUpgradeStrategy {

        private final RequestUpgradeStrategy delegate;

        WithoutExtensions(RequestUpgradeStrategy delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getSupportedVersions() {
            return delegate.getSupportedVersions();
        }

        @Override
        public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
            return List.of();
        }

        @Override
        public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                            List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler handler,
                            Map<String, Object> attributes) throws HandshakeFailureException {
            if (request instanceof ServletServerHttpRequest servlet) {
                request = new ServletServerHttpRequest(new HiddenOffer(servlet.getServletRequest()));
            }
            delegate.upgrade(request, response, selectedProtocol, List.of(), user, handler, attributes);
        }
    }

    /** The servlet request without its {@code Sec-WebSocket-Extensions} header. */
    static final class HiddenOffer extends HttpServletRequestWrapper {

        HiddenOffer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !EXTENSIONS.equalsIgnoreCase(name)).toList());
        }
    }
}
