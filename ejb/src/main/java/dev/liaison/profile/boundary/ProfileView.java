package dev.liaison.profile.boundary;

import dev.liaison.profile.entity.Profile;

/** A profile as its owner sees it. */
public record ProfileView(Long id, String name, String contactNumber, String visibility, boolean defaultProfile,
                          String defaultMode) {

    static ProfileView of(Profile profile) {
        return new ProfileView(profile.getId(), profile.getName(), profile.getContactNumber(),
                profile.getVisibility().name(), profile.isDefaultProfile(), profile.defaultMode().getName());
    }
}
