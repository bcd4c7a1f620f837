package dev.liaison.presence.control;

import dev.liaison.directory.entity.Terminal;
import dev.liaison.directory.entity.User;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.presence.entity.AuthorisationRequest;
import dev.liaison.presence.entity.Publication;
import dev.liaison.profile.entity.AvailabilityMode;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ModeChoice;
import dev.liaison.profile.entity.ModeRule;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCollectionRecreateEventListener;
import org.hibernate.event.spi.PostCollectionRemoveEventListener;
import org.hibernate.event.spi.PostCollectionUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;

/**
 * Keeps {@link PresenceCache} true to the database: every entity a user's presence is computed
 * from that Hibernate inserts, updates or deletes, and every collection of theirs it writes,
 * drops that user's entry at the flush and again after the transaction completes.
 *
 * <p>The user is found from the written entity without loading anything: through the owner's id
 * when the owner was not read, through the profile or mode when they were. A write whose user
 * cannot be found that way (a mode whose profile was never read) drops every entry.
 */
@Singleton
@Startup
public class PresenceInputWrites {

    @PersistenceUnit
    EntityManagerFactory entityManagerFactory;

    @Inject
    PresenceCache cache;

    /** Who a write concerns: a user by name, by id, or anyone. */
    private record Owner(String username, Long userId) {
        static final Owner ANYONE = new Owner(null, null);

        void drop(PresenceCache cache) {
            if (username != null) {
                cache.drop(username);
            } else if (userId != null) {
                cache.drop(userId);
            } else {
                cache.dropAll();
            }
        }
    }

    @PostConstruct
    void listen() {
        EventListenerRegistry listeners = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry().getService(EventListenerRegistry.class);
        Written written = new Written();
        listeners.appendListeners(EventType.POST_INSERT, written);
        listeners.appendListeners(EventType.POST_UPDATE, written);
        listeners.appendListeners(EventType.POST_DELETE, written);
        listeners.appendListeners(EventType.POST_COLLECTION_RECREATE, (PostCollectionRecreateEventListener) this::collection);
        listeners.appendListeners(EventType.POST_COLLECTION_UPDATE, (PostCollectionUpdateEventListener) this::collection);
        listeners.appendListeners(EventType.POST_COLLECTION_REMOVE, (PostCollectionRemoveEventListener) this::collection);
    }

    /** Inserts, updates and deletes of entities. */
    private final class Written implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {
        @Override
        public void onPostInsert(PostInsertEvent event) {
            written(event.getEntity(), event.getSession());
        }

        @Override
        public void onPostUpdate(PostUpdateEvent event) {
            written(event.getEntity(), event.getSession());
        }

        @Override
        public void onPostDelete(PostDeleteEvent event) {
            written(event.getEntity(), event.getSession());
        }

        @Override
        public boolean requiresPostCommitHandling(EntityPersister persister) {
            return false;
        }
    }

    private void collection(AbstractCollectionEvent event) {
        Object owner = event.getAffectedOwnerOrNull();
        if (owner != null) {
            written(owner, event.getSession());
        }
    }

    private void written(Object entity, EventSource session) {
        Owner owner = ownerOf(entity);
        if (owner == null) {
            return;
        }
        owner.drop(cache);
        session.getActionQueue().registerProcess((success, ignored) -> owner.drop(cache));
    }

    /** The user whose presence {@code entity} is part of; null if it is not part of anyone's. */
    static Owner ownerOf(Object entity) {
        if (entity instanceof User user) {
            return new Owner(user.getUsername(), user.getId());
        } else if (entity instanceof Terminal terminal) {
            return user(terminal.getOwner());
        } else if (entity instanceof AccessSession session) {
            return user(session.getUser());
        } else if (entity instanceof Publication publication) {
            return user(publication.getUser());
        } else if (entity instanceof ModeChoice choice) {
            return user(choice.getUser());
        } else if (entity instanceof AuthorisationRequest request) {
            return user(request.getTarget());
        } else if (entity instanceof Profile profile) {
            return user(profile.getOwner());
        } else if (entity instanceof ContactListEntry entry) {
            return profile(entry.getProfile());
        } else if (entity instanceof AvailabilityMode mode) {
            return profile(mode.getProfile());
        } else if (entity instanceof ModeRule rule) {
            return Hibernate.isInitialized(rule.getMode()) ? profile(rule.getMode().getProfile()) : Owner.ANYONE;
        }
        return null;
    }

    private static Owner profile(Profile profile) {
        return Hibernate.isInitialized(profile) ? user(profile.getOwner()) : Owner.ANYONE;
    }

    private static Owner user(User user) {
        if (user == null) {
            return Owner.ANYONE;
        }
        if (user instanceof HibernateProxy proxy && proxy.getHibernateLazyInitializer().isUninitialized()) {
            return new Owner(null, (Long) proxy.getHibernateLazyInitializer().getInternalIdentifier());
        }
        return new Owner(user.getUsername(), user.getId());
    }
}
