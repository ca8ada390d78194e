package dev.resolve.embedded;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The local stand-in for an identity provider: an RSA signing key kept in a folder (made on first use) and signed JWT
 * bearer tokens for any user and roles. The services verify the tokens with the public key file
 * ({@link #publicKeyFile()}) and the issuer {@link #ISSUER}; tokens are built and signed by smallrye-jwt-build.
 * For local runs and tests only: production tokens come from a real identity provider (docker-compose: Keycloak).
 */
public final class LocalIdentityProvider {

    /** The issuer ({@code iss}) of every local token, which the services are configured to accept. */
    public static final String ISSUER = "resolve-local";
    static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";
    static final String PUBLIC_KEY_FILE = "jwt-public-key.pem";

    private final Path publicKeyFile;
    private final PrivateKey privateKey;

    private LocalIdentityProvider(Path publicKeyFile, PrivateKey privateKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKey = privateKey;
    }

    /** The key pair kept in {@code folder}, made there (private key readable by the owner only) if it is missing. */
    public static LocalIdentityProvider inFolder(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
        Path publicFile = folder.resolve(PUBLIC_KEY_FILE);
        try {
            Files.createDirectories(folder);
            if (!Files.isRegularFile(privateFile) || !Files.isRegularFile(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                // Public key first, private key last: a folder with the private key always has its public key.
                writeAtomically(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
                writeAtomically(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalIdentityProvider(publicFile, key);
        } catch (IOException e) {
            throw new UncheckedIOException("The local signing key in " + folder + " could not be read or made", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The local signing key in " + folder + " is not an RSA key", e);
        }
    }

    /** The PEM file of the public key, for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A signed token for {@code caller}, valid for {@code ttl} from now. */
    public String token(Caller caller, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A token's time to live must be positive, not " + ttl);
        }
        Instant now = Instant.now();
        return token(caller, now, now.plus(ttl));
    }

    /** A signed token for {@code caller} issued at {@code issuedAt} and expiring at {@code expiresAt}. */
    public String token(Caller caller, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(caller, "caller");
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(caller.user())
                .upn(caller.user())
                .claim("name", caller.name())
                .groups(new LinkedHashSet<>(caller.roles()))
                .issuedAt(issuedAt.getEpochSecond())
                .claim("nbf", issuedAt.getEpochSecond())
                .expiresAt(expiresAt.getEpochSecond());
        if (caller.team() != null) {
            claims.claim("team", caller.team());
        }
        if (caller.customer() != null) {
            claims.claim("customer", caller.customer());
        }
        return claims.jws().keyId("resolve-local").sign(privateKey);
    }

    /**
     * Who a token speaks for: the user id ({@code sub}), a display name ({@code name}), the roles ({@code groups}),
     * the agent's team ({@code team}) and, for a portal user, their customer reference ({@code customer}).
     */
    public record Caller(String user, String name, List<String> roles, String team, String customer) {

        public Caller {
            Objects.requireNonNull(user, "user");
            if (user.isBlank()) {
                throw new IllegalArgumentException("A token needs a user");
            }
            name = name == null || name.isBlank() ? user : name;
            roles = List.copyOf(new LinkedHashSet<>(roles));
            team = team == null || team.isBlank() ? null : team;
            customer = customer == null || customer.isBlank() ? null : customer;
        }

        /** A caller named after their user id with these roles, no team and no customer. */
        public static Caller of(String user, String... roles) {
            return new Caller(user, null, List.of(roles), null, null);
        }

        public Caller withTeam(String value) {
            return new Caller(user, name, roles, value, customer);
        }

        public Caller withCustomer(String value) {
            return new Caller(user, name, roles, team, value);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeAtomically(Path file, String content, boolean ownerOnly) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        if (ownerOnly) {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
        }
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
