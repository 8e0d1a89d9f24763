package dev.hypervisor.testing;

import com.sun.net.httpserver.HttpServer;
import dev.hypervisor.common.security.RsaJwk;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * Stands in for identity-service in another service's tests: a key pair of its own, published as a JWKS over
 * HTTP exactly where identity-service publishes its keys, so that the service under test verifies tokens the
 * way it does in production. Tests sign tokens with {@link TestTokens}, which finds the private key in the
 * {@code hv.test.token-signing-key} setting this resource provides.
 */
public class TokenIssuerResource implements QuarkusTestResourceLifecycleManager {

    static final String SIGNING_KEY = "hv.test.token-signing-key";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        KeyPair keys = newRsaKeys();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Map<String, String> jwk = RsaJwk.of(publicKey, RsaJwk.thumbprint(publicKey));
        StringBuilder json = new StringBuilder("{\"keys\":[{");
        jwk.forEach((name, value) -> json.append('"').append(name).append("\":\"").append(value).append("\","));
        json.setLength(json.length() - 1);
        byte[] jwks = json.append("}]}").toString().getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        return Map.of(
                "mp.jwt.verify.publickey.location",
                "http://localhost:" + server.getAddress().getPort() + "/.well-known/jwks.json",
                SIGNING_KEY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static KeyPair newRsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
