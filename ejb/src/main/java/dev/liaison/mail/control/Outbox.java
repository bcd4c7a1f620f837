package dev.liaison.mail.control;

import dev.liaison.mail.entity.OutgoingMail;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Sends Liaison's mail reliably: {@link #enqueue} stores the message and queues its id in the
 * caller's transaction; the outgoing-mail listener then calls {@link #deliver} in its own,
 * which hands the message to the SMTP relay and marks it sent. A relay that is down means
 * redelivery later, never a lost mail.
 */
@Stateless
@PermitAll
@JMSDestinationDefinition(name = Outbox.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "liaison.outgoing-mail")
public class Outbox {

    public static final String QUEUE = "java:global/liaison/jms/OutgoingMail";

    @PersistenceContext
    EntityManager em;

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    @Resource(lookup = "java:jboss/mail/Default")
    Session mailSession;

    Clock clock = Clock.systemUTC();

    /** The session that builds Liaison's messages (the server's mail session: its From and relay). */
    public Session session() {
        return mailSession;
    }

    public OutgoingMail enqueue(MimeMessage message, String purpose) {
        try {
            message.saveChanges();
            Address[] recipients = message.getAllRecipients();
            if (recipients == null || recipients.length == 0) {
                throw new IllegalArgumentException("a mail needs a recipient");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            OutgoingMail mail = new OutgoingMail(message.getMessageID(),
                    Arrays.stream(recipients).map(a -> ((InternetAddress) a).getAddress()).collect(Collectors.joining(",")),
                    purpose, bytes.toByteArray(), clock.instant());
            em.persist(mail);
            em.flush();
            jms.createProducer().send(queue, mail.getId());
            return mail;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot store an outgoing mail", e);
        }
    }

    public void deliver(long id) {
        OutgoingMail mail = em.find(OutgoingMail.class, id);
        if (mail == null || mail.getSentAt() != null) {
            return;
        }
        try {
            MimeMessage message = new MimeMessage(mailSession, new ByteArrayInputStream(mail.getContent())) {
                @Override
                protected void updateMessageID() {
                    // keep the stored Message-ID: a resent mail must be recognisably the same mail
                }
            };
            Transport.send(message, InternetAddress.parse(mail.getRecipients()));
            mail.sent(clock.instant());
        } catch (MessagingException e) {
            throw new IllegalStateException("the SMTP relay did not take mail " + id + ": " + e.getMessage(), e);
        }
    }
}
