{{%AUTOESCAPE context="HTML"}}
{{#owner}}<p><a href="{{href}}">← {{name}}</a></p>{{/owner}}
<section class="narrow">
<h1>{{#edit}}{{t_activities_edit}}{{/edit}}{{#no_edit}}{{t_activities_new}}{{/no_edit}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#edit}}<form method="post" action="{{action}}" class="stacked">
  <input type="hidden" name="updated_at" value="{{updated_at}}">{{/edit}}
{{#no_edit}}{{#owner}}<form method="post" action="{{href}}/activities" class="stacked">{{/owner}}{{/no_edit}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{>activity_form}}
  <button type="submit">{{t_activities_save}}</button>
</form>
{{#edit}}<p><a href="/activities/{{id}}/delete">{{t_activities_delete}}</a></p>{{/edit}}
</section>
