package dev.resolve.launcher;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider;
import dev.resolve.embedded.LocalIdentityProvider.Caller;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Local bearer tokens: the data directory's signing key, which the services are told to trust; the demo caller of
 * each role that {@code ./resolve-local} prints at start-up; and {@code ./resolve-local token ...}, which prints one
 * token for any user, signed with that key.
 */
final class Tokens {

    /** How long the tokens printed at start-up stay valid. */
    static final Duration DEMO_TTL = Duration.ofHours(12);
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final Duration MAX_TTL = Duration.ofDays(30);
    static final String DEMO_TEAM = "billing";
    static final String DEMO_CUSTOMER = "CUST-1001";

    private Tokens() {
    }

    /**
     * The signing key of the suite on data directory {@code data}, made there on first use. It is kept with the data,
     * not made per run, so that tokens printed by one run still work after a restart.
     */
    static LocalIdentityProvider identityIn(Path data) {
        return LocalIdentityProvider.inFolder(data.resolve(LocalSuite.IDENTITY_DIRECTORY));
    }

    /** The system properties that make a service accept the tokens {@code identity} signs. */
    static Map<String, String> trustProperties(LocalIdentityProvider identity) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mp.jwt.verify.publickey.location", identity.publicKeyFile().toString());
        properties.put("mp.jwt.verify.issuer", LocalIdentityProvider.ISSUER);
        return properties;
    }

    /** The demo caller of {@code role}: user {@code demo-<role>}; agents and team leads in team billing. */
    static Caller demo(String role) {
        String team = Roles.AGENT.equals(role) || Roles.TEAM_LEAD.equals(role) ? DEMO_TEAM : null;
        String customer = Roles.CUSTOMER.equals(role) ? DEMO_CUSTOMER : null;
        return new Caller("demo-" + role, "Demo " + role, List.of(role), team, customer);
    }

    static void printDemoTokens(LocalIdentityProvider identity, PrintStream out) {
        out.printf(Locale.ROOT, "Tokens (Authorization: Bearer <token>), valid for %d hours; more with ./resolve-local token --help:%n",
                DEMO_TTL.toHours());
        for (String role : Roles.ALL) {
            out.printf(Locale.ROOT, "  %-16s %s%n", role, identity.token(demo(role), DEMO_TTL));
        }
    }

    /** Parsed {@code token} arguments. */
    record Request(Caller caller, Duration ttl, Path dataDirectory, boolean help) {
    }

    static String usage() {
        return """
                Usage: ./resolve-local token --user <id> --roles <r1,r2> [--team <team>] [--customer <ref>]
                                             [--name <display name>] [--ttl <duration>] [--data-dir <dir>]

                Prints one bearer token on stdout for the suite running on the data directory (default .resolve-data
                in the repository), signed with its key: call the APIs with
                  curl -H "Authorization: Bearer $(./resolve-local token --user ann --roles agent --team billing)" ...

                  --user <id>          the user id (claim sub)
                  --roles <r1,r2>      roles, from: %s
                  --team <team>        the agent's team (claim team)
                  --customer <ref>     a portal user's customer reference (claim customer); needed with role customer
                  --name <text>        display name (claim name; default: the user id)
                  --ttl <duration>     how long it is valid, like 30m, 8h or 2d (default 1h, at most 30d)
                  --data-dir <dir>     the suite's data directory
                """.formatted(String.join(", ", Roles.ALL));
    }

    static Request parse(String... args) {
        String user = null;
        String name = null;
        String team = null;
        String customer = null;
        List<String> roles = new ArrayList<>();
        Duration ttl = DEFAULT_TTL;
        Path data = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            CommandLine.Argument argument = CommandLine.split(args[i]);
            String arg = argument.name();
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            String value = argument.value() != null ? argument.value() : CommandLine.valueAt(args, ++i, arg);
            switch (arg) {
                case "--user" -> user = value;
                case "--name" -> name = value;
                case "--team" -> team = value;
                case "--customer" -> customer = value;
                case "--roles" -> roles = Arrays.stream(value.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
                case "--ttl" -> ttl = duration(value);
                case "--data-dir" -> data = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (help) {
            return new Request(null, ttl, data, true);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--user is required");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("--roles is required (one or more of " + String.join(", ", Roles.ALL) + ")");
        }
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("Unknown role '" + role + "'. The roles are: " + String.join(", ", Roles.ALL));
            }
        }
        if (roles.contains(Roles.CUSTOMER) && (customer == null || customer.isBlank())) {
            throw new IllegalArgumentException("Role customer needs --customer <customer reference>");
        }
        return new Request(new Caller(user, name, roles, team, customer), ttl, data, false);
    }

    static Duration duration(String text) {
        Duration ttl;
        try {
            ttl = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ttl must be like 90s, 30m, 8h or 2d, not '" + text + "'");
        }
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("--ttl must be more than 0 and at most 30d, not '" + text + "'");
        }
        return ttl;
    }

    /** {@code ./resolve-local token ...}: exit status 0 with the token on stdout, 2 for bad arguments, 1 without a key. */
    static int run(Path defaultData, PrintStream out, PrintStream err, String... args) {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("resolve-local token: " + e.getMessage());
            err.println("Try ./resolve-local token --help");
            return 2;
        }
        if (request.help()) {
            out.print(usage());
            return 0;
        }
        Path data = request.dataDirectory() != null ? request.dataDirectory().toAbsolutePath().normalize() : defaultData;
        if (!Files.isDirectory(data.resolve(LocalSuite.IDENTITY_DIRECTORY))) {
            err.println("resolve-local token: " + data + " has no signing key yet; start the suite once (./resolve-local)"
                    + " or name its data directory with --data-dir");
            return 1;
        }
        out.println(identityIn(data).token(request.caller(), request.ttl()));
        return 0;
    }
}
