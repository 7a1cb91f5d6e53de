"""Admin for configuration lists only; organisations are kept through the audited pages."""

from django.contrib import admin

from .models import IndustrySegment, ServiceItem


@admin.register(ServiceItem)
class ServiceItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "is_consulting", "requires_patent_licence", "position"]
    list_editable = ["position"]


@admin.register(IndustrySegment)
class IndustrySegmentAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "is_active", "position"]
    list_editable = ["is_active", "position"]


from .models import Authority, Organisation  # noqa: E402


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Names only, so a platform admin can attach users to organisations; profiles are kept in the pages."""

    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    fields = ["name", "kind", "is_active"]
    readonly_fields = ["name", "kind"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    """Bootstrapping: the platform admin creates the city bureau; its admins create the rest in the pages."""

    list_display = ["name", "level", "parent", "is_active"]
    fields = ["name", "level", "parent", "region", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False
