-- The audit log is append-only: the database itself refuses updates and deletes.
create trigger platform_audit_event_no_update before update on platform_audit_event
    for each row call 'org.entente.platform.audit.AppendOnlyTrigger';
create trigger platform_audit_event_no_delete before delete on platform_audit_event
    for each row call 'org.entente.platform.audit.AppendOnlyTrigger';
