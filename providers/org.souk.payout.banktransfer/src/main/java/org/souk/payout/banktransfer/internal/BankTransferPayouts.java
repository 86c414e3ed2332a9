package org.souk.payout.banktransfer.internal;

import java.nio.file.Path;
import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.ledger.api.payout.PayoutProvider;
import org.souk.ledger.api.payout.PayoutRequest;
import org.souk.ledger.api.payout.PayoutResult;

/**
 * Pays withdrawals by bank transfer, in batches the operator takes to the bank: each payout joins the day's
 * ISO 20022 {@code pain.001.001.03} file in {@code batch.directory} and is PENDING (reference: the withdrawal
 * id); it is PAID once the operator moved its batch into {@code sent/}, FAILED if the operator listed it in
 * {@code rejected.txt}. The files are all it remembers, so a repeat after a restart adds nothing.
 */
@Component(configurationPid = BankTransferPayouts.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = PayoutProvider.ID_PROPERTY + "=" + BankTransferPayouts.ID)
@Designate(ocd = BankTransferPayouts.Config.class)
public class BankTransferPayouts implements PayoutProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BankTransferPayouts.class);
    static final String PID = "org.souk.payout.banktransfer";
    static final String ID = "banktransfer";

    @ObjectClassDefinition(name = "Souk bank-transfer payouts")
    public @interface Config {
        @AttributeDefinition(name = "Batch directory", description = "Where the day's batch files are written; "
                + "empty: ${karaf.data}/payouts", required = false)
        String batch_directory() default "";

        @AttributeDefinition(name = "Debtor IBAN", description = "The account the payouts are paid from")
        String debtor_iban();

        @AttributeDefinition(name = "Debtor name", description = "The account holder the bank knows it by")
        String debtor_name();
    }

    private final BatchFolder folder;
    private final String debtorIban;
    private final String debtorName;

    @Activate
    public BankTransferPayouts(Config config) {
        this(directory(config.batch_directory()), config.debtor_iban(), config.debtor_name(), Clock.systemUTC());
    }

    BankTransferPayouts(Path directory, String debtorIban, String debtorName, Clock clock) {
        if (debtorIban == null || debtorIban.isBlank() || debtorName == null || debtorName.isBlank()) {
            throw new IllegalArgumentException(PID + " needs 'debtor.iban' and 'debtor.name': the account payouts leave from");
        }
        this.debtorIban = debtorIban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        this.debtorName = debtorName.trim();
        this.folder = new BatchFolder(directory, clock);
        LOG.info("Bank-transfer payouts write their batches to {}", directory);
    }

    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "payouts");
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Joins today's batch once per withdrawal; a repeat answers where the first stands. Looking and writing hold
     * the batch directory's lock, so two nodes sharing it never add a withdrawal twice nor lose one.
     */
    @Override
    public PayoutResult pay(PayoutRequest request) {
        return folder.locked(() -> payLocked(request));
    }

    private PayoutResult payLocked(PayoutRequest request) {
        String id = request.withdrawalId();
        BatchFolder.Found found = folder.find(id);
        if (found.state() == BatchFolder.State.UNREADABLE) {
            // It may be in the file that cannot be read: adding it again could pay it twice.
            throw new IllegalStateException(found.reason() + "; withdrawal " + id + " is not added until it is mended");
        }
        if (found.state() != BatchFolder.State.UNKNOWN) {
            return result(id, found);
        }
        String iban = request.destination().get("iban");
        String holder = request.destination().get("holder");
        if (iban == null || iban.isBlank() || holder == null || holder.isBlank()) {
            return new PayoutResult(PayoutResult.Status.FAILED, id, "no IBAN and account holder to transfer to");
        }
        String batch = folder.append(new Pain001.Transfer(Pain001.endToEndId(id), request.amount().toDecimal(),
                request.amount().currency(), holder.trim(), iban.replace(" ", ""), "Souk withdrawal " + id),
                debtorName, debtorIban);
        LOG.info("Withdrawal {} of {} joined the payout batch {}", id, request.amount(), batch);
        return new PayoutResult(PayoutResult.Status.PENDING, id, "in batch " + batch + ", not sent yet");
    }

    @Override
    public PayoutResult status(String reference) {
        BatchFolder.Found found = folder.locked(() -> folder.find(reference));
        if (found.state() == BatchFolder.State.UNKNOWN) {
            LOG.warn("Payout {} is in no batch file of {}: was its batch deleted?", reference, folder.directory());
        }
        return result(reference, found);
    }

    private static PayoutResult result(String id, BatchFolder.Found found) {
        return switch (found.state()) {
            case SENT -> new PayoutResult(PayoutResult.Status.PAID, found.batch() + "/" + Pain001.endToEndId(id), null);
            case REJECTED -> new PayoutResult(PayoutResult.Status.FAILED, id, found.reason());
            case OPEN -> new PayoutResult(PayoutResult.Status.PENDING, id, "in batch " + found.batch() + ", not sent yet");
            case HELD -> new PayoutResult(PayoutResult.Status.PENDING, id, "batch " + found.batch()
                    + " in sent/ does not match its totals: " + found.reason());
            case UNREADABLE -> new PayoutResult(PayoutResult.Status.PENDING, id, found.reason());
            case UNKNOWN -> new PayoutResult(PayoutResult.Status.PENDING, id, "in no batch file");
        };
    }
}
