package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.service.cm.Configuration;
import org.souk.itests.Http.Reply;

/** Who may do what: the console's command ACL, JMX's ACL, and which bearer tokens the REST API accepts. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SecurityIT extends SoukTestSupport {

    private static final Set<String> VIEWER = Set.of("viewer", "ssh");
    private static final String[] STRING = {String.class.getName()};

    @Test
    public void onlyAdministratorsMintTokensOrCompleteRefundsAtTheConsole() throws Exception {
        // A read-only console user sees orders, providers and refunds...
        assertTrue(consoleAs(VIEWER, "souk:orders").contains("order(s)"));
        assertTrue(consoleAs(VIEWER, "souk:providers").contains("sandbox"));
        assertAllowed(VIEWER, "souk:refunds");
        // ...but may neither mint a token nor record a refund as made, nor reconcile.
        assertRefused(VIEWER, "souk:token mallory admin");
        assertRefused(VIEWER, "souk:refund-complete 00000000-0000-0000-0000-000000000000 paid-by-hand");
        assertRefused(VIEWER, "souk:reconcile");
        // A manager may reconcile, still not mint tokens.
        assertAllowed(Set.of("manager", "viewer"), "souk:reconcile");
        assertRefused(Set.of("manager", "viewer"), "souk:token mallory admin");
        assertRefused(Set.of("manager", "viewer"), "souk:refund-complete 00000000-0000-0000-0000-000000000000 paid-by-hand");

        // An administrator may (an unknown refund is the command's own refusal, not the ACL's).
        String token = token("admin-made", "client");
        assertEquals(200, http.get("orders", token).status());
        assertAllowed(ADMIN_ROLES, "souk:refund-complete 00000000-0000-0000-0000-000000000000 paid-by-hand");
        // The admin role alone is enough.
        assertTrue(consoleAs(Set.of("admin"), "souk:token solo client").trim().startsWith("ey"));
    }

    @Test
    public void consoleLoginsBelowAdminNeitherReadNorChangeTheNodesSecrets() throws Exception {
        Set<String> manager = Set.of("manager", "viewer", "ssh");
        String authCfg = System.getProperty("karaf.etc") + "/org.souk.auth.cfg";
        String someRefund = "00000000-0000-0000-0000-000000000000";
        // Karaf's config: commands print and change configurations, the token secret included.
        for (Set<String> roles : List.of(VIEWER, manager)) {
            assertRefused(roles, "config:list \"(service.pid=org.souk.auth)\"");
            assertRefused(roles, "config:property-list -p org.souk.auth");
            assertRefused(roles, "config:property-get -p org.souk.auth .secret");
            assertRefused(roles, "config:property-set -p org.souk.auth .secret forged-by-" + roles.size());
            assertRefused(roles, "config:edit org.souk.auth");
            // The files under etc/ hold the same secrets.
            assertRefused(roles, "shell:cat " + authCfg);
            assertRefused(roles, "cat etc/org.souk.auth.cfg");
            assertRefused(roles, "shell:head " + authCfg);
            assertRefused(roles, "shell:grep secret " + authCfg);
            assertRefused(roles, "shell:source " + authCfg);
            // Writing a file through a redirection, calling methods on the bundle context.
            assertRefused(roles, "echo x > " + System.getProperty("karaf.data") + "/tmp/written-by-a-viewer");
            assertRefused(roles, "($.context bundle 0) symbolicName");
            // A command that no ACL names (instance:, system:version) is for administrators only.
            assertRefused(roles, "instance:list");
            assertRefused(roles, "system:version");
            assertRefused(roles, "souk:refund-retry " + someRefund);
        }
        assertEquals(Tokens.DEVELOPMENT_SECRET, configurationAdmin.getConfiguration("org.souk.auth", null).getProperties().get(".secret"));
        assertFalse(Files.exists(Path.of(System.getProperty("karaf.data"), "tmp", "written-by-a-viewer")));
        assertAllowed(VIEWER, "echo harmless");
        String help = consoleAs(VIEWER, "*:help souk");
        assertTrue(help, help.contains("souk:orders") && !help.contains("souk:token"));

        // An administrator may do all of it.
        assertTrue(console("config:list \"(service.pid=org.souk.auth)\"").contains(Tokens.DEVELOPMENT_SECRET));
        assertTrue(console("shell:cat " + authCfg).contains(Tokens.DEVELOPMENT_SECRET));
        Path written = Path.of(System.getProperty("karaf.data"), "tmp", "written-by-an-admin");
        console("echo x > " + written);
        assertTrue(Files.exists(written));
        Files.delete(written);
        assertTrue(console("($.context bundle 0) symbolicName").contains("org.apache.felix.framework"));
        assertAllowed(ADMIN_ROLES, "instance:list");
        assertAllowed(ADMIN_ROLES, "system:version");
        try {
            console("config:property-set -p org.souk.itests.scratch key set-by-admin");
            assertEquals("set-by-admin", configurationAdmin.getConfiguration("org.souk.itests.scratch", null).getProperties().get("key"));
        } finally {
            configurationAdmin.getConfiguration("org.souk.itests.scratch", null).delete();
        }
        assertAllowed(ADMIN_ROLES, "souk:refund-retry " + someRefund);
    }

    @Test
    public void overJmxOnlyAdministratorsReadOrChangeConfigurations() throws Exception {
        String name = System.getProperty("karaf.name", "root");
        ObjectName config = new ObjectName("org.apache.karaf:type=config,name=" + name);
        ObjectName scr = new ObjectName("org.apache.karaf:type=scr,name=" + name);
        String[] pidAndKey = {String.class.getName(), String.class.getName()};
        try (JMXConnector viewerLogin = jmx(JMX_VIEWER); JMXConnector managerLogin = jmx(JMX_MANAGER);
             JMXConnector adminLogin = jmx(JMX_ADMIN)) {
            MBeanServerConnection viewer = viewerLogin.getMBeanServerConnection();
            MBeanServerConnection manager = managerLogin.getMBeanServerConnection();
            MBeanServerConnection admin = adminLogin.getMBeanServerConnection();
            List<ObjectName> cms = new ArrayList<>(admin.queryNames(new ObjectName("osgi.compendium:service=cm,*"), null));
            assertFalse("the OSGi Configuration Admin MBean", cms.isEmpty());
            // A viewer still monitors the node (the generic get* rule of etc/jmx.acl.cfg).
            assertNotNull(viewer.getAttribute(new ObjectName("org.apache.karaf:type=system,name=" + name), "StartLevel"));
            assertNotNull(viewer.getAttribute(scr, "Components"));

            for (MBeanServerConnection below : List.of(viewer, manager)) {
                // Karaf's configuration MBean: the token secret, the providers' webhook secrets.
                assertRefusedOverJmx(() -> below.invoke(config, "listProperties", new Object[] {"org.souk.auth"}, STRING));
                assertRefusedOverJmx(() -> below.invoke(config, "listProperties", new Object[] {"org.souk.provider.sandbox"}, STRING));
                assertRefusedOverJmx(() -> below.invoke(config, "getProperty", new Object[] {"org.souk.auth", ".secret"}, pidAndKey));
                assertRefusedOverJmx(() -> below.invoke(config, "exists", new Object[] {"org.souk.auth"}, STRING));
                assertRefusedOverJmx(() -> below.getAttribute(config, "Configs"));
                // Changing it replaces the secret: a token signed with one's own then passes for anyone.
                assertRefusedOverJmx(() -> below.invoke(config, "setProperty", new Object[] {"org.souk.auth", ".secret",
                        "a-secret-of-my-own-choosing-32-bytes-long"}, new String[] {String.class.getName(),
                        String.class.getName(), String.class.getName()}));
                // The OSGi Configuration Admin MBean reads the same configurations.
                for (ObjectName cm : cms) {
                    assertRefusedOverJmx(() -> below.invoke(cm, "getProperties", new Object[] {"org.souk.auth"}, STRING));
                    assertRefusedOverJmx(() -> below.invoke(cm, "getConfigurations", new Object[] {"(service.pid=org.souk.*)"}, STRING));
                }
                // A component's configuration carries the keys that start with a dot too.
                assertRefusedOverJmx(() -> below.getAttribute(scr, "ComponentConfigs"));
            }
            assertEquals(Tokens.DEVELOPMENT_SECRET, configurationAdmin.getConfiguration("org.souk.auth", null).getProperties().get(".secret"));

            // Whatever else a viewer may read, attribute by attribute and operation by operation, holds no secret.
            String seen = everythingReadableWithoutArguments(viewer);
            assertTrue("the sweep read something", seen.length() > 10_000);
            assertFalse("a viewer read the token secret over JMX", seen.contains(Tokens.DEVELOPMENT_SECRET));
            assertFalse("a viewer read the sandbox's webhook secret over JMX", seen.contains(SANDBOX_WEBHOOK_SECRET));

            // An administrator reads and changes them (and so the checks above can fail).
            Map<?, ?> auth = (Map<?, ?>) admin.invoke(config, "listProperties", new Object[] {"org.souk.auth"}, STRING);
            assertEquals(Tokens.DEVELOPMENT_SECRET, auth.get(".secret"));
            assertEquals(SANDBOX_WEBHOOK_SECRET, admin.invoke(config, "getProperty",
                    new Object[] {"org.souk.provider.sandbox", ".webhook.secret"}, pidAndKey));
            for (ObjectName cm : cms) {
                assertTrue(String.valueOf(admin.invoke(cm, "getProperties", new Object[] {"org.souk.auth"}, STRING))
                        .contains(Tokens.DEVELOPMENT_SECRET));
            }
            assertTrue(String.valueOf(admin.getAttribute(scr, "ComponentConfigs")).contains(Tokens.DEVELOPMENT_SECRET));
            admin.invoke(config, "setProperty", new Object[] {"org.souk.itests.scratch", "key", "set-over-jmx"},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
            try {
                assertEquals("set-over-jmx", configurationAdmin.getConfiguration("org.souk.itests.scratch", null)
                        .getProperties().get("key"));
            } finally {
                configurationAdmin.getConfiguration("org.souk.itests.scratch", null).delete();
            }
        }
    }

    @Test
    public void noConsoleCommandPrintsASecretToAViewer() throws Exception {
        List<String> commands = List.of("config:property-list --pid org.souk.auth", "config:property-list -p org.souk.provider.sandbox",
                "config:property-get -p org.souk.auth .secret", "config:list", "config:list \"(service.pid=org.souk.*)\"",
                "config:edit org.souk.auth; config:property-list", "scr:list", "scr:info org.souk.auth.internal.JwtTokenService",
                "service:list", "bundle:headers org.souk.auth", "system:property", "log:display", "jaas:user-list");
        for (String command : commands) {
            String outcome = consoleOutcome(VIEWER, command);
            assertFalse(command + " printed the token secret to a viewer", outcome.contains(Tokens.DEVELOPMENT_SECRET));
            assertFalse(command + " printed a webhook secret to a viewer", outcome.contains(SANDBOX_WEBHOOK_SECRET));
        }
        // The same commands print them to an administrator (so the checks above can fail).
        assertTrue(console("config:property-list --pid org.souk.auth").contains(Tokens.DEVELOPMENT_SECRET));
        assertTrue(console("config:property-list -p org.souk.provider.sandbox").contains(SANDBOX_WEBHOOK_SECRET));
    }

    @Test
    public void noTokenPassesForThePlatformItself() throws Exception {
        // 'system' is the platform's own identity (timers, webhooks): a token naming it is refused, whatever its role.
        for (String role : List.of("admin", "client", "freelancer")) {
            Reply asSystem = http.get("orders", Tokens.sign(Tokens.DEVELOPMENT_SECRET, "system", role, 600));
            assertProblem(asSystem, 401);
            assertTrue(asSystem.toString(), asSystem.at("/detail").contains("reserved"));
        }
        assertProblem(http.get("orders", Tokens.sign(Tokens.DEVELOPMENT_SECRET, "SYSTEM", "admin", 600)), 401);
        // A name that merely contains it is an ordinary user.
        assertEquals(200, http.get("orders", Tokens.sign(Tokens.DEVELOPMENT_SECRET, "system-admin", "admin", 600)).status());
        // souk:token mints none either.
        String refused = consoleOutcome(ADMIN_ROLES, "souk:token system admin");
        assertFalse(refused, refused.trim().startsWith("ey"));
        assertTrue(refused, refused.contains("reserved"));
    }

    @Test
    public void aSubjectTooLongForAUserIdIsA401SayingWhy() throws Exception {
        Reply longSubject = http.get("orders", Tokens.sign(Tokens.DEVELOPMENT_SECRET, "u".repeat(300), "client", 600));
        assertProblem(longSubject, 401);
        assertTrue(longSubject.toString(), longSubject.at("/detail").contains("subject"));
        assertTrue(longSubject.toString(), longSubject.at("/detail").contains("100"));

        Reply longest = http.get("orders", Tokens.sign(Tokens.DEVELOPMENT_SECRET, "u".repeat(100), "client", 600));
        assertEquals(longest.toString(), 200, longest.status());
    }

    @Test
    public void theSecretEarlierDistributionsPublishedSignsNothing() throws Exception {
        assertProblem(http.get("orders", Tokens.sign(Tokens.FORMERLY_SHIPPED_SECRET, "mallory", "admin", 600)), 401);
        assertEquals(200, http.get("orders", Tokens.sign(Tokens.DEVELOPMENT_SECRET, "reda", "client", 600)).status());
    }

    @Test
    public void aLiveNodeRefusesTheSandboxAndATestNodeMarksIt() throws Exception {
        String client = token("reda", "client");
        Reply methods = http.get("payment-methods", client);
        assertTrue(methods.toString(), methods.text().contains("\"id\":\"sandbox.card\""));
        assertEquals("true", methods.at("/0/test"));

        Configuration gateway = configurationAdmin.getConfiguration("org.souk.gateway", null);
        Dictionary<String, Object> original = gateway.getProperties();
        Dictionary<String, Object> live = original == null ? new Hashtable<>() : copy(original);
        live.put("mode", "live");
        try {
            gateway.update(live);
            await("the sandbox to be refused", () -> {
                Reply now = http.poll("payment-methods", client);
                return now.status() == 200 && !now.text().contains("sandbox.card");
            });
            // The console's commands follow the gateway too (they may be re-registered for a moment).
            await("souk:providers without the sandbox", () -> {
                String providers;
                try {
                    providers = consoleOutcome(ADMIN_ROLES, "souk:providers");
                } catch (Exception e) {
                    return false;
                }
                return providers.contains("Provider") && !providers.contains("sandbox.card");
            });
        } finally {
            Dictionary<String, Object> test = original == null ? new Hashtable<>() : copy(original);
            test.put("mode", "test");
            gateway.update(test);
            await("the sandbox back", () -> http.poll("payment-methods", client).text().contains("sandbox.card"));
        }
    }

    @Test
    public void rs256TokensFromTheIdentityServiceAreAcceptedWithAJwksFile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Path jwks = Files.createTempFile("souk-jwks", ".json");
        Files.writeString(jwks, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"id-1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(publicKey.getModulus())) + "\",\"e\":\"" + b64(unsigned(publicKey.getPublicExponent())) + "\"}]}");

        Configuration auth = configurationAdmin.getConfiguration("org.souk.auth", null);
        Dictionary<String, Object> original = auth.getProperties();
        Dictionary<String, Object> withKeys = copy(original);
        withKeys.put("jwks.file", jwks.toString());
        withKeys.put("audience", "souk-api");
        String rs256 = rs256(keys, "id-1", "{\"sub\":\"idp-user-7\",\"role\":\"client\",\"iss\":\"souk\",\"aud\":\"souk-api\","
                + "\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
        try {
            auth.update(withKeys);
            await("the RS256 token to be accepted", () -> http.get("orders", rs256).status() == 200);
            // Same key, wrong audience; and an HS256 token "signed" with the public key.
            assertProblem(http.get("orders", rs256(keys, "id-1", "{\"sub\":\"idp-user-7\",\"role\":\"client\",\"iss\":\"souk\","
                    + "\"aud\":\"elsewhere\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")), 401);
            String confused = hs256(publicKey.getEncoded(), "{\"sub\":\"mallory\",\"role\":\"admin\",\"iss\":\"souk\",\"aud\":\"souk-api\","
                    + "\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
            assertProblem(http.get("orders", confused), 401);
        } finally {
            auth.update(original);
            await("the original token settings", () -> http.get("orders", rs256).status() == 401);
            Files.deleteIfExists(jwks);
        }
    }

    /** A JMX connection logged in as this user of etc/users.properties (Karaf's JMX ACLs then apply). */
    private JMXConnector jmx(String user) throws Exception {
        Dictionary<String, Object> management = configurationAdmin.getConfiguration("org.apache.karaf.management", null)
                .getProperties();
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + management.get("rmiServerPort")
                + "/jndi/rmi://127.0.0.1:" + management.get("rmiRegistryPort") + "/karaf-" + System.getProperty("karaf.name", "root"));
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, JMX_PASSWORD}));
    }

    private interface JmxCall {
        Object call() throws Exception;
    }

    private static void assertRefusedOverJmx(JmxCall call) throws Exception {
        try {
            Object answer = call.call();
            fail("answered: " + answer);
        } catch (SecurityException expected) {
            assertTrue(String.valueOf(expected.getMessage()), String.valueOf(expected.getMessage()).contains("Insufficient roles"));
        }
    }

    /**
     * Everything this connection may read without passing arguments: every readable attribute of every MBean,
     * and every operation without parameters whose name reads (get, list, is), as text.
     */
    private static String everythingReadableWithoutArguments(MBeanServerConnection connection) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (ObjectName name : connection.queryNames(null, null)) {
            MBeanInfo info;
            try {
                info = connection.getMBeanInfo(name);
            } catch (Exception gone) {
                continue;
            }
            for (MBeanAttributeInfo attribute : info.getAttributes()) {
                if (attribute.isReadable()) {
                    try {
                        seen.append(name).append(' ').append(attribute.getName()).append(" = ")
                                .append(text(connection.getAttribute(name, attribute.getName()))).append('\n');
                    } catch (Exception refusedOrBroken) {
                        // refused (SecurityException) or failing on its own: nothing read
                    }
                }
            }
            for (MBeanOperationInfo operation : info.getOperations()) {
                String op = operation.getName();
                if (operation.getSignature().length == 0 && (op.startsWith("get") || op.startsWith("list") || op.startsWith("is"))) {
                    try {
                        seen.append(name).append(' ').append(op).append("() = ")
                                .append(text(connection.invoke(name, op, new Object[0], new String[0]))).append('\n');
                    } catch (Exception refusedOrBroken) {
                        // refused or failing on its own
                    }
                }
            }
        }
        return seen.toString();
    }

    private static String text(Object value) {
        return value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
    }

    private void assertRefused(Set<String> roles, String command) throws Exception {
        try {
            String output = consoleAs(roles, command);
            fail(command + " ran for " + roles + ": " + output);
        } catch (ExecutionException expected) {
            String why = String.valueOf(expected.getCause());
            assertTrue(roles + " " + command + ": " + why, why.contains("Command not found")
                    || why.contains("Insufficient credentials"));
        }
    }

    /** The ACL let the command run (whatever the command itself then answered). */
    private void assertAllowed(Set<String> roles, String command) throws Exception {
        String outcome = consoleOutcome(roles, command);
        assertTrue(roles + " " + command + ": " + outcome,
                !outcome.contains("Command not found") && !outcome.contains("Insufficient credentials"));
    }

    /** What a command printed, or why it failed. */
    private String consoleOutcome(Set<String> roles, String command) throws Exception {
        try {
            return consoleAs(roles, command);
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }

    private static void assertProblem(Reply reply, int status) {
        assertEquals(reply.toString(), status, reply.status());
        assertTrue(reply.toString(), reply.contentType().startsWith("application/problem+json"));
        assertNotNull(reply.toString(), reply.at("/detail"));
    }

    private static String rs256(KeyPair keys, String kid, String claims) throws Exception {
        String input = b64(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rsa.sign());
    }

    private static String hs256(byte[] key, String claims) throws Exception {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"id-1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> source) {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (var keys = source.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            copy.put(key, source.get(key));
        }
        return copy;
    }
}
