package io.nhidrift.http;

import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS of the query API: a PKCS12 keystore ({@code http.tls.keystore}, {@code http.tls.keystore-password})
 * holding the key and certificate chain. When set, the API speaks HTTPS only. Peers are called over HTTPS
 * too, trusting the certificates of this keystore's chain: instances share the keystore, or hold
 * certificates issued by the same CA (whose certificate is in the chain). Certificates must name the
 * {@code http.advertised.host} of each instance (the client checks the host name).
 */
public final class TlsSettings {

    private final Path keystore;
    private final char[] password;
    private final KeyStore loaded;

    private TlsSettings(Path keystore, char[] password, KeyStore loaded) {
        this.keystore = keystore;
        this.password = password;
        this.loaded = loaded;
    }

    /** The configured TLS settings, or null for plain HTTP; the keystore is loaded and checked now. */
    public static TlsSettings from(AppConfig config) {
        Path path = config.httpTlsKeystore();
        if (path == null) {
            return null;
        }
        char[] password = config.httpTlsKeystorePassword();
        KeyStore ks;
        try (InputStream in = Files.newInputStream(path)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            boolean hasKey = false;
            for (String alias : Collections.list(ks.aliases())) {
                hasKey |= ks.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new ConfigException("invalid value '" + path + "' for key 'http.tls.keystore': it holds no private key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("invalid value '" + path + "' for key 'http.tls.keystore': cannot load it as PKCS12"
                    + " with http.tls.keystore-password (" + e.getClass().getSimpleName() + ")");
        }
        return new TlsSettings(path, password, ks);
    }

    /** The HTTPS connector on {@code host:port}. */
    Connector connector(Server server, HttpConfiguration http, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(new String(password));
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // the client verifies the host name; callers may use an IP or localhost
        http.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        c.setHost(host);
        c.setPort(port);
        return c;
    }

    /** An SSL context that trusts every certificate in this keystore's chains (for calls to peers). */
    SSLContext peerContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (String alias : Collections.list(loaded.aliases())) {
                Certificate[] chain = loaded.isKeyEntry(alias) ? loaded.getCertificateChain(alias)
                        : new Certificate[] {loaded.getCertificate(alias)};
                for (Certificate c : chain == null ? new Certificate[0] : chain) {
                    trust.setCertificateEntry("peer-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context for peer calls", e);
        }
    }
}
