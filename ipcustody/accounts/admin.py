from django.contrib import admin

from .models import ApiToken, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "business_write", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Platform admins may see and revoke tokens; keys are never shown (only their hash is stored)."""

    list_display = ["name", "user", "membership", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "membership", "name", "prefix", "created_at", "last_used_at"]
    exclude = ["key_hash"]

    def has_add_permission(self, request):
        return False
