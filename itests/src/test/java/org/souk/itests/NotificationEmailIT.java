package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.souk.itests.Http.Reply;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * Email notifications through a real SMTP server (GreenMail, started by the test inside the container): the
 * users' addresses and languages come from their tokens' claims, an order is paid, and the freelancer (Arabic)
 * and the client (French) each receive their email, as received by the server.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class NotificationEmailIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Logo design\",\"description\":\"A memorable logo\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One concept\",\"price\":\"250.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PNG\"]},"
            + "{\"tier\":\"STANDARD\",\"title\":\"Three concepts\",\"price\":\"600\",\"deliveryDays\":5,\"revisions\":2,\"deliverables\":[\"PNG\",\"SVG\"]},"
            + "{\"tier\":\"PREMIUM\",\"title\":\"Full identity\",\"price\":\"1500\",\"deliveryDays\":10,\"revisions\":5,\"deliverables\":[\"Brand guide\"]}]}";

    private GreenMail smtp;

    /** The container goes on to other tests: no email channel left pointing at a stopped server. */
    @After
    public void stopSmtp() throws Exception {
        org.osgi.service.cm.Configuration email = configurationAdmin.getConfiguration("org.souk.notification.email", null);
        Dictionary<String, Object> settings = email.getProperties();
        if (settings != null && !"".equals(settings.get("host"))) {
            Dictionary<String, Object> off = new Hashtable<>();
            off.put("host", "");
            email.update(off);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    public void theFreelancerReadsArabicAndTheClientFrenchAsTheirTokensSay() throws Exception {
        // Unconfigured, the distribution has no email channel.
        assertEquals(0, emailChannels());

        // Jakarta Mail finds Angus through the context class loader, for GreenMail's threads and the test's reads.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new BundlesClassLoader(bundleContext, "org.eclipse.angus.mail", "angus-activation",
                "jakarta.mail-api", "jakarta.activation-api", "com.icegreen.greenmail"));
        try {
            sendAndRead();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void sendAndRead() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        org.osgi.service.cm.Configuration email = configurationAdmin.getConfiguration("org.souk.notification.email", null);
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("security", "none");
        settings.put("from.address", "notifications@souk.example");
        settings.put("from.name", "Souk");
        email.update(settings);
        await("the email channel", () -> emailChannels() == 1);

        String freelancer = tokenWithContact("adil", "freelancer", "adil@example.ma", "ar-MA");
        String client = tokenWithContact("claire", "client", "claire@example.fr", "fr");

        // The claims are remembered on the first request and shown at /me.
        Reply me = http.get("me", client);
        assertEquals(me.toString(), 200, me.status());
        assertEquals("claire", me.at("/userId"));
        assertEquals("client", me.at("/role"));
        assertEquals("claire@example.fr", me.at("/email"));
        assertEquals("fr", me.at("/locale"));
        assertEquals("ar", http.get("me", freelancer).at("/locale"));

        String orderId = souk.placedOrder(client, souk.createGig(freelancer, GIG), "A logo for my cafe");
        souk.paid(orderId, client);

        await("the freelancer's new-order email", () -> received("adil@example.ma", orderId) != null);
        MimeMessage toFreelancer = received("adil@example.ma", orderId);
        assertEquals("طلب جديد: Logo design", toFreelancer.getSubject());
        assertEquals("Souk <notifications@souk.example>", toFreelancer.getFrom()[0].toString());
        assertEquals("ar", toFreelancer.getHeader("Content-Language")[0]);
        Multipart arabic = (Multipart) toFreelancer.getContent();
        assertTrue(arabic.getContentType(), arabic.getContentType().startsWith("multipart/alternative"));
        String arabicHtml = (String) arabic.getBodyPart(1).getContent();
        assertTrue(arabicHtml, arabicHtml.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assertTrue(arabicHtml, arabicHtml.contains("«Logo design»"));
        assertNotNull(toFreelancer.getMessageID());

        await("the client's payment email", () -> received("claire@example.fr", orderId) != null);
        MimeMessage toClient = received("claire@example.fr", orderId);
        assertEquals("Paiement confirmé : Logo design", toClient.getSubject());
        Multipart french = (Multipart) toClient.getContent();
        String frenchText = (String) french.getBodyPart(0).getContent();
        assertTrue(frenchText, frenchText.contains("pour « Logo design » a bien été reçu"));
        assertTrue((String) french.getBodyPart(1).getContent(), ((String) french.getBodyPart(1).getContent())
                .contains("<html lang=\"fr\" dir=\"ltr\">"));

        // A user's own choice: validated field by field, and it outlives the token's claim.
        assertField(http.patch("me", client, "{\"locale\":\"de\"}"), "locale");
        assertField(http.patch("me", client, "{\"email\":\"not-an-address\"}"), "email");
        assertField(http.patch("me", client, "{\"nickname\":\"c\"}"), "nickname");
        assertEquals("fr", http.get("me", client).at("/locale"));
        Reply chosen = http.patch("me", client, "{\"locale\":\"en\"}");
        assertEquals(chosen.toString(), 200, chosen.status());
        assertEquals("en", chosen.at("/locale"));
        assertEquals("en", http.get("me", client).at("/locale"));
        assertEquals("claire@example.fr", http.get("me", client).at("/email"));

        // A new address takes effect only once the token mailed to it comes back, and the old address is told. A
        // newer request replaces the older one, whose token stops working.
        Reply asked = http.patch("me", client, "{\"email\":\"claire@elsewhere.example\"}");
        assertEquals(asked.toString(), 200, asked.status());
        assertEquals("claire@example.fr", asked.at("/email"));
        assertEquals("claire@elsewhere.example", asked.at("/pendingEmail"));
        assertNotNull(asked.at("/pendingEmailExpiresAt"));
        Reply replaced = http.patch("me", client, "{\"email\":\"claire@cafe.example\"}");
        assertEquals(replaced.toString(), "claire@cafe.example", replaced.at("/pendingEmail"));
        assertEquals("claire@example.fr", http.get("me", client).at("/email"));

        String confirm = "Confirm your new email address";
        await("both confirmation emails", () -> mail("claire@elsewhere.example", confirm) != null
                && mail("claire@cafe.example", confirm) != null);
        String older = confirmationToken(mail("claire@elsewhere.example", confirm));
        String newer = confirmationToken(mail("claire@cafe.example", confirm));
        assertField(http.post("me/email-confirmation", null, "{\"token\":\"" + older + "\"}"), "token");
        assertField(http.post("me/email-confirmation", null, "{\"token\":\"not-a-token\"}"), "token");
        assertEquals("claire@example.fr", http.get("me", client).at("/email"));

        String notice = "A change of your email address was asked";
        await("the notices to the old address", () -> mails("claire@example.fr", notice).size() == 2);
        String told = text(mails("claire@example.fr", notice).get(1));
        assertTrue(told, told.contains("c***@cafe.example") || told.contains("c***@elsewhere.example"));
        assertTrue(told, !told.contains(older) && !told.contains(newer) && !told.contains("claire@cafe.example"));

        // No bearer token: the mailed token is the proof, and it works once.
        Reply confirmed = http.post("me/email-confirmation", null, "{\"token\":\"" + newer + "\"}");
        assertEquals(confirmed.toString(), 200, confirmed.status());
        assertEquals("claire@cafe.example", confirmed.at("/email"));
        Reply changed = http.get("me", client);
        assertEquals("claire@cafe.example", changed.at("/email"));
        assertEquals(null, changed.at("/pendingEmail"));
        assertField(http.post("me/email-confirmation", null, "{\"token\":\"" + newer + "\"}"), "token");
        assertEquals("claire@cafe.example", http.get("me", client).at("/email"));

        // Without a host again, the channel goes away.
        Dictionary<String, Object> off = new Hashtable<>();
        off.put("host", "");
        email.update(off);
        await("the email channel to go", () -> emailChannels() == 0);
    }

    /** Classes and resources of the named bundles, in order. */
    private static final class BundlesClassLoader extends ClassLoader {
        private final List<ClassLoader> loaders = new ArrayList<>();

        BundlesClassLoader(BundleContext context, String... symbolicNames) {
            super(null);
            for (String name : symbolicNames) {
                for (org.osgi.framework.Bundle b : context.getBundles()) {
                    if (name.equals(b.getSymbolicName())) {
                        loaders.add(b.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader());
                    }
                }
            }
            if (loaders.size() < symbolicNames.length) {
                throw new IllegalStateException("missing one of the bundles " + List.of(symbolicNames));
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader l : loaders) {
                try {
                    return l.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // next
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected java.net.URL findResource(String name) {
            for (ClassLoader l : loaders) {
                java.net.URL url = l.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected java.util.Enumeration<java.net.URL> findResources(String name) throws java.io.IOException {
            List<java.net.URL> all = new ArrayList<>();
            for (ClassLoader l : loaders) {
                all.addAll(java.util.Collections.list(l.getResources(name)));
            }
            return java.util.Collections.enumeration(all);
        }
    }

    private int emailChannels() {
        try {
            return bundleContext.getServiceReferences(org.souk.notification.spi.NotificationChannel.class,
                    "(souk.notification.channel=email)").size();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The email received for the address whose text names the order, or null. */
    private MimeMessage received(String address, String orderId) {
        try {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (address.equals(m.getAllRecipients()[0].toString())
                        && ((String) ((Multipart) m.getContent()).getBodyPart(0).getContent()).contains(orderId)) {
                    return m;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The emails received for the address with this subject, oldest first. */
    private List<MimeMessage> mails(String address, String subject) {
        try {
            List<MimeMessage> out = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (address.equals(m.getAllRecipients()[0].toString()) && subject.equals(m.getSubject())) {
                    out.add(m);
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MimeMessage mail(String address, String subject) {
        List<MimeMessage> found = mails(address, subject);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static String text(MimeMessage m) {
        try {
            return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of a confirmation email, as its English text gives it. */
    private static String confirmationToken(MimeMessage m) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("good once: ([A-Za-z0-9_-]{43})").matcher(text(m));
        assertTrue(text(m), token.find());
        return token.group(1);
    }
}
