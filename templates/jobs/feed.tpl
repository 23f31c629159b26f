{{%AUTOESCAPE context="XML"}}<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{lang}}">
  <id>{{feed_id}}</id>
  <title>{{t_jobs_feed_title}}</title>
  <subtitle>{{t_jobs_feed_subtitle}}</subtitle>
  <updated>{{updated}}</updated>
  <link rel="self" type="application/atom+xml" href="{{self}}"/>
  <link rel="alternate" type="text/html" href="{{alternate}}"/>
  <author><name>{{author}}</name></author>
{{#entries}}  <entry>
    <id>{{url}}</id>
    <title>{{title}}</title>
    <link rel="alternate" type="text/html" href="{{url}}"/>
    <published>{{published}}</published>
    <updated>{{updated}}</updated>
    <summary>{{summary}}</summary>
  </entry>
{{/entries}}</feed>
