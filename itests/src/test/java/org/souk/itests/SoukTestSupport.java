package org.souk.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the distribution that ships (the tar.gz of karaf-distribution) on free ports, and gives tests
 * real HTTP and console access to it.
 * <p>
 * Every Pax Exam test shares this one configuration, so the classes of a suite ({@link OrdersAndMoneySuite},
 * {@link ApiAndPlatformSuite}) run in one container booted once ({@code PerSuite}). A test therefore uses users
 * of its own, scopes what it asserts to its own orders and users, and puts back what it changes (bundles,
 * configurations, deploy/); the clocks it moves through {@link SoukFixtures} are put back after it.
 */
public abstract class SoukTestSupport {

    /** The roles of the distribution's administrator (admingroup in etc/users.properties). */
    protected static final Set<String> ADMIN_ROLES = Set.of("admin", "manager", "viewer", "systembundles", "ssh");
    /** The sandbox's webhook secret in the test containers (the distribution ships none). */
    protected static final String SANDBOX_WEBHOOK_SECRET = "sandbox-webhook-secret";

    /**
     * The folder of the provider that the archetype's integration test generated from souk-provider-archetype
     * and built on its own (outside the reactor), with its jar under target/ and its sample .cfg.
     */
    protected static final String GENERATED_PROVIDER = "souk.generated.provider";
    /** Where the TypeScript client is, for TypeScriptClientIT. */
    protected static final String TYPESCRIPT_CLIENT = "souk.typescript.client";

    /** JMX logins of the test containers (etc/users.properties): JMX checks roles against a real JAAS login. */
    protected static final String JMX_VIEWER = "itest-jmx-viewer";
    protected static final String JMX_MANAGER = "itest-jmx-manager";
    protected static final String JMX_ADMIN = "itest-jmx-admin";
    protected static final String JMX_PASSWORD = "itest-jmx-password";

    @Inject
    protected BootFinished bootFinished;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    @Inject
    protected BundleContext bundleContext;

    protected Http http;

    /** This test's gigs, orders, payments and moved clocks. */
    protected SoukFixtures souk;

    @Configuration
    public Option[] config() {
        String distribution = System.getProperty("souk.distribution");
        if (distribution == null || !new File(distribution).isFile()) {
            throw new IllegalStateException("build the distribution first; not found: " + distribution);
        }
        String target = System.getProperty("souk.itests.target", "target");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(new File(distribution).toURI().toString())
                        .name("Souk").unpackDirectory(new File(target, "exam")).useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                systemTimeout(180_000),
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "updateSnapshots", "none"),
                // The distribution ships no secrets and Pax Exam skips bin/setenv, which generates them: known ones.
                editConfigurationFilePut("etc/org.souk.auth.cfg", ".secret", Tokens.DEVELOPMENT_SECRET),
                editConfigurationFilePut("etc/org.souk.provider.sandbox.cfg", ".webhook.secret", SANDBOX_WEBHOOK_SECRET),
                // The distribution ships a live node; the tests pay with the sandbox, as ./run.sh's test mode does.
                editConfigurationFilePut("etc/org.souk.gateway.cfg", "mode", "test"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository", "")),
                // The generated provider CheckoutIT hot-deploys, SecurityIT's JMX logins, NotificationEmailIT's SMTP
                // server (on the distribution's own Jakarta Mail and Angus bundles): harmless to the other tests.
                systemProperty(GENERATED_PROVIDER).value(System.getProperty(GENERATED_PROVIDER, "")),
                systemProperty(TYPESCRIPT_CLIENT).value(System.getProperty(TYPESCRIPT_CLIENT, "")),
                editConfigurationFilePut("etc/users.properties", JMX_VIEWER, JMX_PASSWORD + ",_g_:viewergroup"),
                editConfigurationFilePut("etc/users.properties", JMX_MANAGER, JMX_PASSWORD + ",manager,viewer"),
                editConfigurationFilePut("etc/users.properties", JMX_ADMIN, JMX_PASSWORD + ",_g_:admingroup"),
                mavenBundle("com.icegreen", "greenmail", System.getProperty("greenmail.version", "2.1.3")),
                // ContractCheck's JSON Schema validator and what it imports.
                mavenBundle("com.networknt", "json-schema-validator", System.getProperty("json-schema-validator.version")),
                mavenBundle("com.ethlo.time", "itu", System.getProperty("itu.version")),
                mavenBundle("com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml", System.getProperty("jackson.version")),
                mavenBundle("org.yaml", "snakeyaml", System.getProperty("snakeyaml.version")),
                vmOption("-Xmx512m"),
                // Pax Exam ignores bin/setenv: the same flag the distribution starts with.
                vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true")));
        for (String open : List.of("java.base/java.security", "java.base/java.net", "java.base/java.lang",
                "java.base/java.util", "java.naming/javax.naming.spi", "java.rmi/sun.rmi.transport.tcp")) {
            options.add(new VMOption("--add-opens"));
            options.add(new VMOption(open + "=ALL-UNNAMED"));
        }
        for (String export : List.of("java.base/sun.net.www.protocol.file", "java.base/sun.net.www.protocol.http",
                "java.base/sun.net.www.protocol.https", "java.base/sun.net.www.protocol.jar",
                "java.base/sun.net.www.content.text", "jdk.naming.rmi/com.sun.jndi.url.rmi", "java.rmi/sun.rmi.registry")) {
            options.add(new VMOption("--add-exports=" + export + "=ALL-UNNAMED"));
        }
        options.add(new VMOption("-classpath"));
        options.add(new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"));
        return options.toArray(new Option[0]);
    }

    @Before
    public void connect() throws Exception {
        http = new Http(httpPort());
        souk = new SoukFixtures(http, this::console, bundleContext);
        // Right after boot the console commands may not be registered yet: wait for them as for the API.
        String[] probe = new String[1];
        await("the souk console commands", () -> {
            try {
                probe[0] = token("probe", "client");
                return probe[0].startsWith("ey");
            } catch (Exception notYet) {
                return false;
            }
        });
        // GET /api/v1/health is 200 once every resource is published, the database answers and every schema
        // is migrated; the tests also want every check UP (the sandbox live, the scheduler running).
        // The contract check's validator is a bundle of the container too: resolved before the first answer.
        await("the contract check's JSON Schema validator", () -> {
            try {
                Class.forName("com.networknt.schema.JsonSchemaFactory");
                Class.forName("com.networknt.schema.SpecVersion$VersionFlag");
                return true;
            } catch (ClassNotFoundException | LinkageError notYet) {
                return false;
            }
        });
        await("GET /api/v1/health to report UP", () -> {
            Http.Reply health = http.poll("health", null);
            return health.status() == 200 && "UP".equals(health.at("/status"));
        });
    }

    /**
     * Time is the system's again for the next test, and whatever this test did to orders and payments, the
     * ledger still balances: every path is checked by it.
     */
    @After
    public void ledgerStillBalances() throws Exception {
        if (souk != null) {
            souk.resetClocks();
        }
        String check = ledgerCheck();
        org.junit.Assert.assertTrue(check, check.contains(": clean"));
    }

    /**
     * souk:ledger-check's report. A test that switched the gateway's mode leaves the souk commands being registered
     * again for a moment: a command not found yet is asked again, any other failure is the test's.
     */
    private String ledgerCheck() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return console("souk:ledger-check");
            } catch (Exception e) {
                if (!commandNotFound(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean commandNotFound(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).startsWith("Command not found")) {
                return true;
            }
        }
        return false;
    }

    /** The container's HTTP port (a free one, chosen at boot). */
    protected int httpPort() {
        try {
            return Integer.parseInt(String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null)
                    .getProperties().get("org.osgi.service.http.port")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a console command as an administrator would and returns what it printed. */
    protected String console(String command) throws Exception {
        return consoleAs(ADMIN_ROLES, command);
    }

    /**
     * Runs a console command as a user with these roles (the command ACLs in etc/ apply) and returns what
     * it printed; a refused command throws (ExecutionException caused by Karaf's refusal).
     */
    protected String consoleAs(Set<String> roles, String command) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest-" + String.join("-", new java.util.TreeSet<>(roles))));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Object result = executor.submit(() -> Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> {
                Session session = sessionFactory.create(System.in, out, out);
                try {
                    return session.execute(command);
                } finally {
                    session.close();
                }
            })).get(60, TimeUnit.SECONDS);
            if (result != null) {
                out.println(result);
            }
        } finally {
            executor.shutdownNow();
        }
        out.flush();
        return bytes.toString();
    }

    /** A token for a user, minted with the souk:token console command. */
    protected String token(String user, String role) throws Exception {
        return mintToken(user + " " + role);
    }

    /** A token whose claims also carry the user's email address and language, as an identity service sends them. */
    protected String tokenWithContact(String user, String role, String email, String locale) throws Exception {
        return mintToken("--email " + email + " --locale " + locale + " " + user + " " + role);
    }

    private String mintToken(String arguments) throws Exception {
        String output = console("souk:token " + arguments).trim();
        return output.substring(output.lastIndexOf('\n') + 1).trim();
    }

    /** A refusal as every resource answers it: the status, problem+json, a stable type and a human detail. */
    protected static void assertProblem(Http.Reply reply, int status, String type) {
        org.junit.Assert.assertEquals(reply.toString(), status, reply.status());
        org.junit.Assert.assertTrue(reply.toString(), reply.contentType().startsWith("application/problem+json"));
        org.junit.Assert.assertEquals(reply.toString(), "urn:souk:problem:" + type, reply.at("/type"));
        org.junit.Assert.assertNotNull(reply.toString(), reply.at("/detail"));
    }

    /** A 400 that names the field. */
    protected static void assertField(Http.Reply reply, String field) {
        assertProblem(reply, 400, "validation");
        List<String> fields = reply.json().get("errors").findValuesAsText("field");
        org.junit.Assert.assertTrue(reply.toString(), fields.contains(field));
    }

    protected static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
