# Registers N Sidekiq processes in a Redis with the keys Sidekiq 6's heartbeat writes
# (Sidekiq::Launcher#❤: SADD processes, HMSET <identity> info busy beat rtt_us quiet rss), for
# benchmarks/status-floor.py. Each key lives an hour instead of Sidekiq's 60 s, so that no process
# expires during a run with no Sidekiq beating beside it.
# Usage: REDIS_URL=redis://... ruby register-sidekiq.rb N; prints the count Sidekiq then sees.
require "json"
require "sidekiq/api"

count = Integer(ARGV.fetch(0))
now = Time.now.to_f
Sidekiq.redis do |conn|
  (0...count).each_slice(1_000) do |slice|
    conn.pipelined do |pipeline|
      slice.each do |i|
        identity = format("sidekiq-host-%04d:%d:%012x", i % 500, 10_000 + i, i)
        info = {"hostname" => format("sidekiq-host-%04d", i % 500), "started_at" => now - 3_600,
                "pid" => 10_000 + i, "tag" => "bench", "concurrency" => 10, "queues" => ["default"],
                "labels" => [], "identity" => identity}
        pipeline.sadd("processes", identity)
        pipeline.hmset(identity, "info", JSON.generate(info), "busy", i % 10, "beat", now, "rtt_us", 350,
                       "quiet", "false", "rss", 123_456)
        pipeline.expire(identity, 3_600)
      end
    end
  end
end
puts "sidekiq processes registered: #{Sidekiq::ProcessSet.new.size}"
